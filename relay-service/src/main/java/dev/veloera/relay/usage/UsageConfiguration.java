package dev.veloera.relay.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.relay.RelayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/** The usage topic (declared here as well as by command-service and the platform) and its publisher. */
@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

    @Bean
    NewTopic usageTopic(RelayProperties properties) {
        return TopicBuilder.name(UsageTopic.NAME)
                .partitions(UsageTopic.PARTITIONS)
                .replicas(properties.usage().replication())
                .build();
    }

    /** {@link UsagePublisher} logs failed sends once, without the payload; Spring's default logs each at ERROR. */
    @Bean
    ProducerListener<Object, Object> quietProducerListener() {
        return new ProducerListener<>() {
        };
    }

    @Bean(destroyMethod = "close")
    UsagePublisher usagePublisher(KafkaTemplate<String, String> kafka, ObjectMapper json, RelayProperties properties,
                                  MeterRegistry meters) {
        return new UsagePublisher(kafka, json, properties.usage().spoolDir(), properties.usage().ackTimeout(),
                properties.usage().replayInterval(), properties.usage().replayTimeout(), meters);
    }
}
