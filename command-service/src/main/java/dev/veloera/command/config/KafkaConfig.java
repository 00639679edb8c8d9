package dev.veloera.command.config;

import dev.veloera.contracts.usage.UsageTopic;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The usage topic (declared here too: whoever starts first creates it) and the settlement
 * consumer's error handling: a record whose settlement failed (database down, say) is retried with
 * back-off and never skipped, since skipping would release quota that was used.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    @Bean
    public NewTopic usageTopic(@Value("${VELOERA_KAFKA_REPLICATION:1}") short replication) {
        return TopicBuilder.name(UsageTopic.NAME).partitions(3).replicas(replication).build();
    }

    @Bean
    public DefaultErrorHandler settlementErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }
}
