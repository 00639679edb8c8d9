package dev.veloera.relay.providers;

import java.util.List;

import com.openai.core.http.HttpResponseFor;
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

    static String requestId(HttpResponseFor<?> raw) {
        List<String> ids = raw.headers().values("X-Veloera-Request-Id");
        assertThat(ids).hasSize(1);
        return ids.getFirst();
    }
}
