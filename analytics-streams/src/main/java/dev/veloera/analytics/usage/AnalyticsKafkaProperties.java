package dev.veloera.analytics.usage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topicReplication replication factor of the topics this application creates
 *                         ({@code VELOERA_KAFKA_REPLICATION})
 */
@ConfigurationProperties("veloera.analytics.kafka")
record AnalyticsKafkaProperties(@DefaultValue("1") short topicReplication) {
}
