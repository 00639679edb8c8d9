package dev.veloera.relay.usage;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.relay.RelayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ProducerFactory;

/** The usage topic (declared here as well as by command-service and the platform), the journal and its sender. */
@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

    @Bean
    NewTopic usageTopic(RelayProperties properties) {
        return TopicBuilder.name(UsageTopic.NAME)
                .partitions(UsageTopic.PARTITIONS)
                .replicas(properties.usage().replication())
                .build();
    }

    @Bean(destroyMethod = "close")
    UsageJournal usageJournal(RelayProperties properties, ObjectMapper json) {
        RelayProperties.Journal journal = properties.usage().journal();
        return new UsageJournal(journal.dir(), journal.segmentSize().toBytes(), journal.fsyncInterval(), json);
    }

    /**
     * A producer of its own, configured from {@code spring.kafka.producer.*}: the sender owns its
     * lifecycle (a bounded close while Kafka is away) and passes the journal's bytes through as they are.
     */
    @Bean(destroyMethod = "close")
    JournalSender journalSender(UsageJournal journal, ProducerFactory<?, ?> producers, MeterRegistry meters) {
        Map<String, Object> config = producers.getConfigurationProperties();
        Timer lag = Timer.builder("veloera.usage.journal.lag")
                .description("time from a usage record's append to the journal to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.99).register(meters);
        return new JournalSender(journal, new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                lag);
    }

    @Bean
    JournalMetrics journalMetrics(UsageJournal journal, JournalSender sender) {
        return new JournalMetrics(journal, sender);
    }

    @Bean
    JournalHealthIndicator usageJournalHealthIndicator(UsageJournal journal) {
        return new JournalHealthIndicator(journal);
    }
}
