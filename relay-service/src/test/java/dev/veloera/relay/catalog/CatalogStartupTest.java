package dev.veloera.relay.catalog;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.relay.CatalogRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay started before its catalog exists (query-service not up yet): not healthy, and {@code /v1/**} answers 503
 * in OpenAI's format (Spring MVC's endpoints and the chat servlet's alike), until it has read the topic up to its end; then it serves, and follows what is added. (That a
 * relay reads all of an existing topic before it is healthy, {@code RelayServiceApplicationTest} shows: its catalog is
 * seeded before the relay starts and its first requests find all of it.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogStartupTest {

    static final String KEY = "sk-" + "s".repeat(48);
    static final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);

    static {
        broker.afterPropertiesSet();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
        registry.add("veloera.usage.spool-dir", () -> tempDir() + "/spool");
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void answers503UntilTheCatalogIsRead() throws Exception {
        HttpResponse<String> models = send("/v1/models");
        assertThat(models.statusCode()).isEqualTo(503);
        JsonNode error = json.readTree(models.body()).path("error");
        assertThat(error.path("message").asText()).contains("catalog");
        assertThat(error.path("code").asText()).isNotBlank();
        assertThat(models.headers().firstValue("Retry-After")).hasValue("1");
        HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/chat/completions")).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chat.statusCode()).as("the chat servlet waits for the catalog too").isEqualTo(503);
        assertThat(json.readTree(chat.body()).at("/error/message").asText()).contains("catalog");
        assertThat(chat.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(send("/actuator/health").statusCode()).isEqualTo(503);

        CatalogRecords.createTopic(broker.getBrokersAsString());
        try (CatalogRecords catalog = new CatalogRecords(broker.getBrokersAsString())) {
            catalog.user(1, "alice", 1, "default")
                    .token(10, 1, KEY, 1, -1, "", false, List.of())
                    .channel(1, 0, "sk-up", 1, "http://127.0.0.1:1", Map.of(), List.of("gpt-4o"), List.of("default"), 0);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (send("/actuator/health").statusCode() != 200) {
            assertThat(System.nanoTime()).as("healthy once the topic exists and is read").isLessThan(deadline);
            Thread.sleep(50);
        }
        // the topic may have been found before the last records were in: those follow within a moment
        while (!json.readTree(send("/v1/models").body()).at("/data/0/id").asText().equals("gpt-4o")) {
            assertThat(System.nanoTime()).as("the seeded key and channel are served").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("relay-catalog").toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
