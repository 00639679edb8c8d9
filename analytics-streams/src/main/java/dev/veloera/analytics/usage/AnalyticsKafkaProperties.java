package dev.veloera.analytics.usage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topicReplication replication factor of the topics this application creates
 *                         ({@code VELOERA_KAFKA_REPLICATION})
 * @param instanceId       this instance's stable name ({@code VELOERA_INSTANCE_ID}), the key of its static
 *                         membership in every consumer group; blank for {@code <host>-<port>}
 */
@ConfigurationProperties("veloera.analytics.kafka")
public record AnalyticsKafkaProperties(@DefaultValue("1") short topicReplication, String instanceId) {
}
