package dev.veloera.schema.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The {@code kafka} health component of every service that has Spring Kafka's {@link KafkaAdmin}
 * (command-service, query-service, analytics-streams); see {@link KafkaHealthIndicator}. Off with
 * {@code veloera.health.kafka.enabled=false}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({KafkaAdmin.class, HealthIndicator.class})
@ConditionalOnProperty(prefix = "veloera.health.kafka", name = "enabled", matchIfMissing = true)
public class KafkaHealthAutoConfiguration {

    @Bean("kafkaHealthIndicator")
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin,
                                              @Value("${veloera.health.kafka.timeout:2s}") String timeout) {
        return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), DurationStyle.detectAndParse(timeout));
    }
}
