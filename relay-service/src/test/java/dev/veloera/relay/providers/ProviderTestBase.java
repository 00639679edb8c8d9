package dev.veloera.relay.providers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.openai.core.http.HttpResponseFor;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** One relay context shared by the provider test classes ({@link ProviderTestSupport}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProviderTestBase {

    static final UsageRecords usage = new UsageRecords(ProviderTestSupport.broker.getBrokersAsString());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ProviderTestSupport.properties(registry);
    }

    @LocalServerPort
    int port;

    /** As a load balancer would: requests only once the relay is healthy, i.e. has read its catalog. */
    @BeforeEach
    void awaitCatalog() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            assertThat(System.nanoTime()).as("relay healthy within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static String requestId(HttpResponseFor<?> raw) {
        List<String> ids = raw.headers().values("X-Veloera-Request-Id");
        assertThat(ids).hasSize(1);
        return ids.getFirst();
    }
}
