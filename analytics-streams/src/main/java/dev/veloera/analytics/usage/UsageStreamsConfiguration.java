package dev.veloera.analytics.usage;

import dev.veloera.contracts.common.InstanceName;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Runs {@link UsageAnalyticsTopology} as application {@code veloera-analytics}. Everything comes from
 * {@code spring.kafka.*} except what the design fixes, which is set here so no property can undo it.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class UsageStreamsConfiguration {

    static final String APPLICATION_ID = "veloera-analytics";

    private static final Logger LOG = LoggerFactory.getLogger(UsageStreamsConfiguration.class);

    /**
     * This instance's stable name, the key of its static membership in every group it joins: see
     * {@link InstanceName} and the module's README for why a restart needs it.
     */
    @Bean
    AnalyticsInstance analyticsInstance(AnalyticsKafkaProperties properties, @Value("${server.port:8083}") String port) {
        return new AnalyticsInstance(InstanceName.resolve(properties.instanceId(), port));
    }

    @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration defaultKafkaStreamsConfig(KafkaProperties kafka, SslBundles sslBundles,
                                                        AnalyticsInstance instance) {
        Map<String, Object> config = new HashMap<>(kafka.buildStreamsProperties(sslBundles));
        config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        // Static membership: a Streams client does not leave its group when it closes, so a restarted
        // dynamic member waits out the old one's session (45 s) before it gets any partition. A static
        // member with the same name takes its old assignment back at once. Streams adds "-<thread>".
        config.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                APPLICATION_ID + "-" + instance.name());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // A record nobody can read is logged and skipped rather than stopping every user's analytics.
        config.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);
        return new KafkaStreamsConfiguration(config);
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer usageAnalyticsTopology() {
        return factoryBean -> {
            factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureBuilder(StreamsBuilder builder) {
                    UsageAnalyticsTopology.define(builder);
                }
            });
            // Exactly-once makes a restarted thread resume from the last committed transaction.
            factoryBean.setStreamsUncaughtExceptionHandler(exception -> {
                LOG.error("Kafka Streams thread of {} failed; replacing it, it resumes from the last commit",
                        APPLICATION_ID, exception);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        };
    }

    /** The usage topic too: whichever service starts first creates it, with the same settings. */
    @Bean
    KafkaAdmin.NewTopics analyticsTopics(AnalyticsKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.USAGE.name(), properties),
                topic(Topics.LOGS.name(), properties),
                topic(Topics.QUOTA_DATA.name(), properties));
    }

    private static NewTopic topic(String name, AnalyticsKafkaProperties properties) {
        return TopicBuilder.name(name)
                .partitions(Topics.PARTITIONS)
                .replicas(properties.topicReplication())
                .build();
    }
}
