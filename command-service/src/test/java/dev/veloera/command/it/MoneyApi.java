package dev.veloera.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The money routes as the tests call them: status and body of every answer, users registered and logged in. */
final class MoneyApi {

    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status == 200 && body.path("success").asBoolean();
        }

        String code() {
            return body.path("data").path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A registered, logged-in user. */
    record User(long id, String token) {
    }

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final CommandServiceClient client;
    private String root;

    MoneyApi(int port) {
        this.port = port;
        this.client = new CommandServiceClient(port);
    }

    synchronized String root() throws Exception {
        if (root == null) {
            root = client.rootToken();
        }
        return root;
    }

    User user(String username) throws Exception {
        JsonNode registered = client.call("POST", "/api/user/register", null,
                Map.of("username", username, "password", username + "-password"));
        assertThat(registered.path("success").asBoolean()).as(registered.toString()).isTrue();
        return new User(registered.path("data").path("id").asLong(), client.login(username, username + "-password"));
    }

    Answer call(String method, String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(
                            body instanceof String s ? s : json.writeValueAsString(body)));
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed;
        try {
            parsed = json.readTree(response.body());
        } catch (Exception e) {
            parsed = json.getNodeFactory().textNode(response.body());
        }
        return new Answer(response.statusCode(), parsed == null ? json.nullNode() : parsed);
    }

    /** Plain GET answering the raw body (Epay's notification answers text). */
    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Creates codes as root; answers their keys. */
    List<String> codes(Map<String, Object> fields) throws Exception {
        Answer created = call("POST", "/api/redemption/", root(), fields);
        assertThat(created.ok()).as(created.toString()).isTrue();
        return json.convertValue(created.body().path("data"), json.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    Answer redeem(User user, String key) throws Exception {
        return call("POST", "/api/user/topup", user.token(), Map.of("key", key));
    }

    /** The payloads of one aggregate's events of {@code type}, in order. */
    static <T> List<T> events(EventStore eventStore, String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId, 0).asStream()
                .map(DomainEventMessage::getPayload).filter(type::isInstance).map(type::cast).toList();
    }
}
