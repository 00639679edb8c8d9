package dev.veloera.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * command-service's account endpoints as the relay forwards them: every call carries an {@code X-Forwarded-For}
 * whose last entry is a fresh address (the relay's own), unless the test names one, so the critical rate limit
 * (Veloera's 20 per 20 minutes per address) counts only what a test means it to.
 */
final class AccountsClient {

    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status == 200 && body.path("success").asBoolean();
        }

        String code() {
            return body.path("data").path("code").asText();
        }
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    AccountsClient(int port) {
        this.port = port;
    }

    static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
    }

    /** Sets the system up (once per database) with root/root-password and answers root's access token. */
    String root() throws Exception {
        call("POST", "/api/setup", null, Map.of("username", "root", "password", "root-password"));
        return login("root", "root-password");
    }

    long register(String username, String password, String affCode) throws Exception {
        Map<String, Object> body = affCode == null ? Map.of("username", username, "password", password)
                : Map.of("username", username, "password", password, "aff_code", affCode);
        Reply reply = call("POST", "/api/user/register", null, body);
        assertThat(reply.ok()).as(reply.body().toString()).isTrue();
        return reply.body().path("data").path("id").asLong();
    }

    String login(String username, String password) throws Exception {
        Reply reply = call("POST", "/api/user/login", null, Map.of("username", username, "password", password));
        assertThat(reply.ok()).as(reply.body().toString()).isTrue();
        return reply.body().path("data").path("access_token").asText();
    }

    void option(String rootToken, String key, String value) throws Exception {
        Reply reply = call("PUT", "/api/option/", rootToken, Map.of("key", key, "value", value));
        assertThat(reply.ok()).as(reply.body().toString()).isTrue();
    }

    Reply call(String method, String path, String bearer, Object body) throws Exception {
        return call(method, path, bearer, body, freshAddress());
    }

    Reply call(String method, String path, String bearer, Object body, String address) throws Exception {
        String text = body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "203.0.113.9, " + address)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        return new Reply(response.statusCode(), parsed);
    }
}
