package dev.veloera.command.config;

import dev.veloera.command.user.UsageSettlementListener;
import dev.veloera.contracts.common.InstanceName;
import dev.veloera.contracts.usage.UsageTopic;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The usage topic (declared here too: whoever starts first creates it) and the settlement
 * consumers' error handling: a poll whose settlement failed (database down, say) is retried whole
 * with back-off and never skipped, since skipping would leave used quota uncharged.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    @Bean
    public NewTopic usageTopic(@Value("${VELOERA_KAFKA_REPLICATION:1}") short replication) {
        return TopicBuilder.name(UsageTopic.NAME).partitions(UsageTopic.PARTITIONS).replicas(replication).build();
    }

    /**
     * Static membership of the settlement group under this instance's stable name: a settlement consumer
     * killed without leaving its group gets its partitions back as soon as it restarts, instead of after
     * the old session's timeout; spring-kafka adds "-n" per listener when there are several.
     */
    @Bean
    public DefaultKafkaConsumerFactoryCustomizer staticSettlementMembership(
            @Value("${veloera.instance-id:}") String instanceId, @Value("${server.port:8081}") String port) {
        String instanceName = InstanceName.resolve(instanceId, port);
        return factory -> factory.updateConfigs(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                UsageSettlementListener.GROUP + "-" + instanceName));
    }

    @Bean
    public DefaultErrorHandler settlementErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }
}
