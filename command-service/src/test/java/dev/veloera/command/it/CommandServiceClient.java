package dev.veloera.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.contracts.lease.LeaseReturn;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** command-service's HTTP API as the integration tests call it, and the events it stored. */
final class CommandServiceClient {

    static final String SECRET = "veloera-dev-secret";

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    CommandServiceClient(int port) {
        this.port = port;
    }

    /** Sets the system up once per database (a second call is refused) and logs root in. */
    String rootToken() throws Exception {
        JsonNode setup = call("POST", "/api/setup", null, Map.of("username", "root", "password", "root-password"));
        if (!setup.path("success").asBoolean()) {
            assertThat(setup.path("data").path("code").asText()).as(setup.toString()).isEqualTo("setup_completed");
        }
        assertThat(call("POST", "/api/setup", null, Map.of("username", "root2", "password", "root-password"))
                .path("data").path("code").asText()).isEqualTo("setup_completed");
        return login("root", "root-password");
    }

    /** Registers {@code username} (password = username + "-password") with {@code quota}; answers the id. */
    long user(String username, long quota) throws Exception {
        long id = call("POST", "/api/user/register", null,
                Map.of("username", username, "password", username + "-password")).path("data").path("id").asLong();
        assertThat(call("PUT", "/api/user/", rootToken(), Map.of("id", id, "quota", quota))
                .path("success").asBoolean()).isTrue();
        return id;
    }

    /** Creates an API token for {@code username} (fields as {@code POST /api/token/} takes them); answers its id. */
    long apiToken(String username, Map<String, Object> fields) throws Exception {
        JsonNode token = call("POST", "/api/token/", login(username, username + "-password"), fields).path("data");
        assertThat(token.path("key").asText()).startsWith("sk-").hasSize(51);
        return token.path("id").asLong();
    }

    String login(String username, String password) throws Exception {
        JsonNode login = call("POST", "/api/user/login", null, Map.of("username", username, "password", password));
        assertThat(login.path("success").asBoolean()).as(login.toString()).isTrue();
        return login.path("data").path("access_token").asText();
    }

    HttpResponse<String> reserve(String requestId, long userId, long tokenId, long amount) throws Exception {
        return internal(ReserveQuotaRequest.PATH, new ReserveQuotaRequest(requestId, userId, tokenId, "gpt-4o", amount));
    }

    HttpResponse<String> lease(LeaseRequest request) throws Exception {
        return internal(LeaseRequest.PATH, request);
    }

    HttpResponse<String> handBack(LeaseReturn request) throws Exception {
        return internal(LeaseRequest.RETURN_PATH, request);
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private HttpResponse<String> internal(String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/json")
                .header(ReserveQuotaRequest.SECRET_HEADER, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode call(String method, String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The events of user {@code userId}'s account of type {@code type}, in order. */
    static <T> List<T> events(EventStore eventStore, long userId, Class<T> type) {
        return eventStore.readEvents(String.valueOf(userId), 0).asStream()
                .map(DomainEventMessage::getPayload).filter(type::isInstance).map(type::cast).toList();
    }
}
