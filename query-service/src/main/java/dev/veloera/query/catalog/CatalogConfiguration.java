package dev.veloera.query.catalog;

import dev.veloera.contracts.catalog.CatalogTopic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The catalog topic, created here (query-service owns it; readers wait for it), and the retry of failed events in
 * the publishing groups.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    /**
     * Compacted: the current state per key. Segments roll hourly so that compaction, which skips the active segment,
     * keeps what a starting relay reads close to one record per key.
     */
    @Bean
    NewTopic catalogTopic(CatalogProperties properties) {
        return TopicBuilder.name(CatalogTopic.NAME)
                .partitions(CatalogTopic.PARTITIONS)
                .replicas(properties.replication())
                .compact()
                .config(TopicConfig.SEGMENT_MS_CONFIG, "3600000")
                .build();
    }

    /**
     * Axon's default for a failing event handler is to log and skip the event; a skipped catalog record would leave
     * every relay on a stale entry for good. In these groups the failure reaches the tracking processor instead,
     * which rolls the batch back (rows and token) and retries it, backing off from 1 s to 60 s.
     */
    @Bean
    ConfigurerModule catalogGroupsRetryFailedEvents() {
        return configurer -> configurer.eventProcessing(processing -> CatalogOrder.GROUPS.forEach(group ->
                processing.registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance())));
    }
}
