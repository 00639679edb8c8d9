package dev.veloera.query.maintenance;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Period;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenancePropertiesTest {

    private static MaintenanceProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("veloera.maintenance", MaintenanceProperties.class);
    }

    @Test
    void retentionIsAPeriodOrAPlainNumberOfMonths() {
        assertThat(bind(Map.of()).logRetention()).isEqualTo(Period.ofMonths(3));
        assertThat(bind(Map.of("veloera.maintenance.log-retention", "6")).logRetention()).isEqualTo(Period.ofMonths(6));
        assertThat(bind(Map.of("veloera.maintenance.log-retention", "P1Y")).logRetention()).isEqualTo(Period.ofYears(1));
        assertThat(bind(Map.of("veloera.maintenance.log-retention", "90d")).logRetention()).isEqualTo(Period.ofDays(90));
    }

    @Test
    void quotaDataKeepsTheLogRetentionUnlessSetItself() {
        assertThat(bind(Map.of("veloera.maintenance.log-retention", "2")).quotaDataRetention())
                .isEqualTo(Period.ofMonths(2));
        assertThat(bind(Map.of("veloera.maintenance.log-retention", "2",
                "veloera.maintenance.quota-data-retention", "0")).quotaDataRetention().isZero()).isTrue();
    }
}
