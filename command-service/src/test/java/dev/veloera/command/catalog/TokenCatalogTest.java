package dev.veloera.command.catalog;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCatalogTest {

    @Test
    void theCatalogConsumerReadsAtOnceWhereSettlementFetchesInBatches() {
        Map<String, Object> settlement = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                ConsumerConfig.GROUP_ID_CONFIG, "veloera-settlement",
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "veloera-settlement-host-8081",
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 32768, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);

        Map<String, Object> catalog = TokenCatalog.consumerConfig(settlement);

        assertThat(catalog).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)
                .doesNotContainKeys(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    }
}
