package dev.veloera.relay;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.catalog.CatalogChannel;
import dev.veloera.contracts.catalog.CatalogOption;
import dev.veloera.contracts.catalog.CatalogToken;
import dev.veloera.contracts.catalog.CatalogTopic;
import dev.veloera.contracts.catalog.CatalogUser;
import dev.veloera.contracts.common.Roles;
import dev.veloera.relay.auth.ApiKeyAuthenticator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test data for a relay, published the way query-service publishes it: catalog records on {@code veloera.catalog.v1}
 * (JSON of the contract records, acknowledged one by one).
 */
public final class CatalogRecords implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;

    public CatalogRecords(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
    }

    /** The compacted topic as query-service creates it. */
    public static void createTopic(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(CatalogTopic.NAME, CatalogTopic.PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    public CatalogRecords user(long id, String username, int status, String group) {
        return send(CatalogTopic.key(CatalogTopic.USER, id), new CatalogUser(id, username, status, group, Roles.COMMON));
    }

    public CatalogRecords user(long id, String username, int status, String group, int role) {
        return send(CatalogTopic.key(CatalogTopic.USER, id), new CatalogUser(id, username, status, group, role));
    }

    /** A channel with every setting the relay reads. */
    public CatalogRecords channel(CatalogChannel channel) {
        return send(CatalogTopic.key(CatalogTopic.CHANNEL, channel.id()), channel);
    }

    public CatalogRecords token(long id, long userId, String key, int status, long expiredTime, String group,
                                boolean limited, List<String> limits) {
        return send(CatalogTopic.key(CatalogTopic.TOKEN, id), new CatalogToken(id, userId, "token-" + id,
                ApiKeyAuthenticator.hash(key), status, expiredTime, true, limited, limits, "", group));
    }

    /** An enabled, unlimited token usable only from {@code allowIps}. */
    public CatalogRecords tokenAllowing(long id, long userId, String key, String allowIps) {
        return send(CatalogTopic.key(CatalogTopic.TOKEN, id), new CatalogToken(id, userId, "token-" + id,
                ApiKeyAuthenticator.hash(key), 1, -1, true, false, List.of(), allowIps, ""));
    }

    public CatalogRecords channel(long id, int type, String key, int status, String baseUrl, Map<String, String> mapping,
                                  List<String> models, List<String> groups, long priority) {
        return send(CatalogTopic.key(CatalogTopic.CHANNEL, id), new CatalogChannel(id, "channel-" + id, type, key,
                baseUrl, status, models, groups, priority, 0, mapping));
    }

    public CatalogRecords option(String key, String value) {
        return send(CatalogTopic.key(CatalogTopic.OPTION, key), new CatalogOption(key, value));
    }

    public CatalogRecords tombstone(String key) {
        return send(key, null);
    }

    private CatalogRecords send(String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(CatalogTopic.NAME, key, value == null ? null : JSON.writeValueAsString(value)))
                    .get(30, TimeUnit.SECONDS);
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("catalog record " + key + " not acknowledged", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
