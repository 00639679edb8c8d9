package dev.veloera.relay.providers;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.relay.CatalogRecords;
import dev.veloera.relay.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static dev.veloera.relay.providers.ProviderTestSupport.KEY;
import static dev.veloera.relay.providers.ProviderTestSupport.KEY_LIMITED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's edges: ModelRequestRateLimit (429 in OpenAI's format), the request-body limit (413, gzip counted
 * decompressed), gzip request bodies, headers too large (OpenAI's JSON, not Tomcat's HTML), CORS, the {@code /hf/v1}
 * alias and keep-alive pings on a quiet stream. This context's body limit is 1 MB.
 */
class EdgesTest extends ProviderTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMBEDDINGS = "{\"model\":\"text-embedding-3-small\",\"input\":\"hello world\"}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    Catalog catalog;

    @Test
    void aUserOverModelRequestRateLimitCountIsRefusedWith429() throws Exception {
        try (CatalogRecords records = new CatalogRecords(ProviderTestSupport.broker.getBrokersAsString())) {
            records.option("ModelRequestRateLimitCount", "3").option("ModelRequestRateLimitDurationMinutes", "1")
                    .option("ModelRequestRateLimitEnabled", "true");
            ChannelHealthTest.await(() -> catalog.options().rateLimitEnabled()
                    && catalog.options().rateLimitCount() == 3, Duration.ofSeconds(5));
            try {
                for (int i = 0; i < 3; i++) {
                    assertThat(post("/v1/embeddings", KEY_LIMITED, EMBEDDINGS).statusCode()).isEqualTo(200);
                }
                HttpResponse<String> refused = post("/v1/embeddings", KEY_LIMITED, EMBEDDINGS);
                assertThat(refused.statusCode()).isEqualTo(429);
                JsonNode error = JSON.readTree(refused.body()).path("error");
                assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
                assertThat(error.path("message").asText()).contains("at most 3 requests in 1 minute");
                // another user is not affected
                assertThat(post("/v1/embeddings", KEY, EMBEDDINGS).statusCode()).isEqualTo(200);
            } finally {
                records.option("ModelRequestRateLimitEnabled", "false");
                ChannelHealthTest.await(() -> !catalog.options().rateLimitEnabled(), Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndGzipBodiesAreReadDecompressed() throws Exception {
        String big = "{\"model\":\"text-embedding-3-small\",\"input\":\"" + "a".repeat(1_100_000) + "\"}";
        HttpResponse<String> tooLarge = post("/v1/embeddings", KEY, big);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooLarge.body()).at("/error/code").asText()).isEqualTo("request_too_large");

        HttpResponse<String> gzipped = send(HttpRequest.newBuilder(uri("/v1/embeddings"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzip(EMBEDDINGS))));
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(usage.only(gzipped.headers().firstValue("X-Veloera-Request-Id").orElseThrow()).quota())
                .isEqualTo(10);

        // small on the wire, over the limit decompressed
        HttpResponse<String> bomb = send(HttpRequest.newBuilder(uri("/v1/embeddings"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzip(big))));
        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(bomb.body()).at("/error/code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void headersTooLargeAreAnsweredInOpenAiJson() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "x".repeat(100_000) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = socket.getInputStream().read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                // Tomcat may reset after answering
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 400");
            assertThat(text).contains("\"error\":{").doesNotContain("<html");
        }
    }

    @Test
    void corsIsOpenOnTheApi() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    @Test
    void theHfAliasServesTheSameApi() throws Exception {
        HttpResponse<String> embeddings = post("/hf/v1/embeddings", KEY, EMBEDDINGS);
        assertThat(embeddings.statusCode()).isEqualTo(200);
        assertThat(usage.only(embeddings.headers().firstValue("X-Veloera-Request-Id").orElseThrow()).quota())
                .isEqualTo(10);
        HttpResponse<String> models = send(HttpRequest.newBuilder(uri("/hf/v1/models"))
                .header("Authorization", "Bearer " + KEY).GET());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("gpt-4o-mini");
    }

    @Test
    void aQuietStreamGetsKeepAlivePingsWhenConfigured() throws Exception {
        try (CatalogRecords records = new CatalogRecords(ProviderTestSupport.broker.getBrokersAsString())) {
            records.option("PingIntervalSeconds", "1").option("PingIntervalEnabled", "true");
            ChannelHealthTest.await(() -> catalog.options().pingInterval() != null, Duration.ofSeconds(5));
            try {
                HttpResponse<String> streamed = post("/v1/chat/completions", KEY, "{\"model\":\"slow-model\","
                        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
                assertThat(streamed.statusCode()).isEqualTo(200);
                assertThat(streamed.body()).contains(": PING").contains("Hello from ").endsWith("data: [DONE]\n\n");
            } finally {
                records.option("PingIntervalEnabled", "false");
                ChannelHealthTest.await(() -> catalog.options().pingInterval() == null, Duration.ofSeconds(5));
            }
        }
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
