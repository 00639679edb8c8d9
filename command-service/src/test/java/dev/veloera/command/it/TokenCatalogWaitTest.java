package dev.veloera.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.catalog.CatalogToken;
import dev.veloera.contracts.catalog.CatalogTopic;
import dev.veloera.schema.testing.TestDatabases;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/token/} answers once the new key is in the relays' catalog: here the test plays query-service,
 * publishing the token's catalog entry a second after the command side claimed its key; and without an entry it
 * answers anyway once {@code veloera.catalog.token-wait} is over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "veloera.catalog.token-wait=3s"
})
@EmbeddedKafka(kraft = true, partitions = 1, topics = CatalogTopic.NAME,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class TokenCatalogWaitTest {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.SQLITE);
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration PUBLISHED_AFTER = Duration.ofSeconds(1);
    /** Reading the record and answering; generous for a shared 2-core machine. */
    private static final Duration MARGIN = Duration.ofMillis(1500);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @AfterAll
    static void drop() {
        DB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private static String alice;

    @BeforeEach
    void alice() throws Exception {
        if (alice == null) {
            call("/api/setup", null, Map.of("username", "root", "password", "root-password"));
            call("/api/user/register", null, Map.of("username", "alice", "password", "alice-password"));
            JsonNode login = call("/api/user/login", null, Map.of("username", "alice", "password", "alice-password"));
            alice = login.path("data").path("access_token").asText();
        }
    }

    @Test
    void answersOnceTheNewKeyIsInTheCatalog() throws Exception {
        long before = maxTokenId();
        CompletableFuture<Long> published = CompletableFuture.supplyAsync(() -> publishWhenClaimed(before));

        long started = System.nanoTime();
        JsonNode created = call("/api/token/", alice, Map.of("name", "waited", "remain_quota", 100));
        long answered = System.nanoTime();

        assertThat(created.path("success").asBoolean()).as(created.toString()).isTrue();
        long publishedAt = published.get(10, TimeUnit.SECONDS);
        assertThat(answered).as("answered after the key was sent to the catalog").isGreaterThan(publishedAt);
        assertThat(Duration.ofNanos(answered - publishedAt)).isLessThan(MARGIN);
        assertThat(created.at("/data/key").asText()).startsWith("sk-");
        assertThat(created.at("/data/id").asLong()).isEqualTo(before + 1);
        System.out.printf("token answered %d ms after the request, %d ms after its catalog entry was sent%n",
                (answered - started) / 1_000_000, (answered - publishedAt) / 1_000_000);
    }

    @Test
    void answersAnywayWhenTheCatalogDoesNotHaveTheKeyInTime() throws Exception {
        long started = System.nanoTime();
        JsonNode created = call("/api/token/", alice, Map.of("name", "unwaited"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(created.path("success").asBoolean()).as(created.toString()).isTrue();
        assertThat(created.at("/data/key").asText()).startsWith("sk-");
        assertThat(took).isGreaterThanOrEqualTo(WAIT).isLessThan(WAIT.plus(MARGIN));
    }

    /** What query-service does once the token is projected: its catalog entry, a second after the key was claimed. */
    private long publishWhenClaimed(long before) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (maxTokenId() == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Map<String, Object> claimed = jdbc.queryForMap(
                    "SELECT token_id, key_hash, user_id FROM cmd_token_key WHERE token_id = ?", before + 1);
            Thread.sleep(PUBLISHED_AFTER.toMillis());
            long id = ((Number) claimed.get("token_id")).longValue();
            CatalogToken token = new CatalogToken(id, ((Number) claimed.get("user_id")).longValue(), "waited",
                    (String) claimed.get("key_hash"), 1, -1, false, false, List.of(), "", "");
            long sending = System.nanoTime();
            producer.send(new ProducerRecord<>(CatalogTopic.NAME, CatalogTopic.key(CatalogTopic.TOKEN, id),
                    json.writeValueAsString(token))).get(10, TimeUnit.SECONDS);
            return sending;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long maxTokenId() {
        Long max = jdbc.queryForObject("SELECT MAX(token_id) FROM cmd_token_key", Long.class);
        return max == null ? 0 : max;
    }

    private JsonNode call(String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
