package dev.veloera.analytics.sink;

import dev.veloera.analytics.usage.AnalyticsInstance;
import dev.veloera.analytics.usage.Topic;
import dev.veloera.analytics.usage.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The JDBC sink of the output topics: batch listeners that commit offsets only after the batch is in
 * the database, and retry a failed batch for as long as it takes (backing off to
 * {@link #MAX_RETRY_INTERVAL}) instead of skipping it.
 */
@Configuration(proxyBeanMethods = false)
class SinkConfiguration {

    static final String LOGS_CONTAINER_FACTORY = "logsSinkContainerFactory";
    static final String QUOTA_DATA_CONTAINER_FACTORY = "quotaDataSinkContainerFactory";

    static final int SINK_BATCH = 2000;
    private static final Duration FIRST_RETRY_INTERVAL = Duration.ofMillis(500);
    private static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(30);

    @Bean
    AnalyticsRowWriter analyticsRowWriter(JdbcTemplate jdbc, TransactionTemplate transaction, DataSource dataSource) {
        return new AnalyticsRowWriter(jdbc, transaction, SqlDialect.of(dataSource));
    }

    @Bean
    AnalyticsSink analyticsSink(AnalyticsRowWriter writer, MeterRegistry meters) {
        return new AnalyticsSink(writer, meters);
    }

    @Bean(LOGS_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<?, ?> logsSinkContainerFactory(KafkaProperties kafka, SslBundles ssl,
                                                                     MeterRegistry meters, AnalyticsInstance instance) {
        return batchFactory(Topics.LOGS, kafka, ssl, meters, instance.name());
    }

    @Bean(QUOTA_DATA_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<?, ?> quotaDataSinkContainerFactory(KafkaProperties kafka, SslBundles ssl,
                                                                          MeterRegistry meters, AnalyticsInstance instance) {
        return batchFactory(Topics.QUOTA_DATA, kafka, ssl, meters, instance.name());
    }

    private static <K, V> ConcurrentKafkaListenerContainerFactory<K, V> batchFactory(
            Topic<K, V> topic, KafkaProperties kafka, SslBundles ssl, MeterRegistry meters, String instanceName) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties(ssl));
        // Only rows of committed Streams transactions: aborted attempts are re-emitted anyway.
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Big batches: one transaction (one turn of SQLite's single writer) per poll of up to this many rows.
        consumer.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, SINK_BATCH);
        // Static membership, as for the Streams client: a killed sink's partitions come back to it at
        // its restart instead of after the old session's timeout. Unique per group (one group a topic).
        consumer.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, topic.name() + "-sink-" + instanceName);
        DefaultKafkaConsumerFactory<K, V> consumerFactory = new DefaultKafkaConsumerFactory<>(consumer,
                new ErrorHandlingDeserializer<>(topic.keySerde().deserializer()),
                new ErrorHandlingDeserializer<>(topic.valueSerde().deserializer()));
        consumerFactory.addListener(new MicrometerConsumerListener<>(meters));

        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY_INTERVAL.toMillis(), 2.0);
        backOff.setMaxInterval(MAX_RETRY_INTERVAL.toMillis());

        ConcurrentKafkaListenerContainerFactory<K, V> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}
