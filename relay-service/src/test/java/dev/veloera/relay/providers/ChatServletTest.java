package dev.veloera.relay.providers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static dev.veloera.relay.providers.ProviderTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ChatServlet} does in Spring MVC's stead on {@code /v1/chat/completions} and {@code /v1/messages}: other
 * methods refused with 405, refusals in the client's own format and counted, CORS on answers and on the body limit's
 * 413, the {@code /hf/v1} alias, unknown fields passed on. (The catalog's 503 before it is loaded:
 * {@code CatalogStartupTest}; answers and billing: the provider tests.)
 */
class ChatServletTest extends ProviderTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x_unknown\":{\"kept\":true}}";
    private static final String MESSAGES = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    MeterRegistry meters;

    @Test
    void anotherMethodIs405InOpenAisFormat() throws Exception {
        HttpResponse<String> get = send(request("/v1/chat/completions").GET());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow").orElse("")).contains("POST");
        JsonNode error = JSON.readTree(get.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("GET").contains("/v1/chat/completions");
    }

    @Test
    void refusalsAreInTheClientsFormatAndCounted() throws Exception {
        double before = refused("401", "invalid_api_key");

        HttpResponse<String> chat = send(request("/v1/chat/completions").header("Authorization", "Bearer sk-nobody")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)));
        assertThat(chat.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(chat.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");

        HttpResponse<String> messages = send(request("/v1/messages").header("x-api-key", "sk-nobody")
                .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(MESSAGES)));
        assertThat(messages.statusCode()).isEqualTo(401);
        JsonNode anthropic = JSON.readTree(messages.body());
        assertThat(anthropic.path("type").asText()).isEqualTo("error");
        assertThat(anthropic.at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(anthropic.at("/error/message").asText()).isNotBlank();

        assertThat(refused("401", "invalid_api_key") - before).isEqualTo(2);

        HttpResponse<String> notJson = send(request("/v1/messages").header("x-api-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":")));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void corsHeadersOnAnAnswerAndOnTheBodyLimitsRefusal() throws Exception {
        HttpResponse<String> answer = send(request("/v1/chat/completions").header("Authorization", "Bearer " + KEY)
                .header("Origin", "https://app.example").POST(HttpRequest.BodyPublishers.ofString(CHAT)));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        assertThat(answer.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("X-Veloera-Request-Id");

        String big = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(1_100_000) + "\"}]}";
        HttpResponse<String> tooLarge = send(request("/v1/chat/completions").header("Authorization", "Bearer " + KEY)
                .header("Origin", "https://app.example").POST(HttpRequest.BodyPublishers.ofString(big)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooLarge.body()).at("/error/code").asText()).isEqualTo("request_too_large");
        assertThat(tooLarge.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
    }

    @Test
    void theHfAliasAndUnknownFieldsReachTheUpstream() throws Exception {
        HttpResponse<String> answer = send(request("/hf/v1/chat/completions").header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("object").asText()).isEqualTo("chat.completion");
        assertThat(ProviderTestSupport.mock.lastCall().body().at("/x_unknown/kept").asBoolean()).isTrue();
        assertThat(usage.only(answer.headers().firstValue("X-Veloera-Request-Id").orElseThrow()).status())
                .isEqualTo("success");
    }

    private double refused(String status, String code) {
        Counter counter = meters.find("veloera.relay.refused").tag("status", status).tag("code", code).counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
