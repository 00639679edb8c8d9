package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A client of the management API ({@code /api/**} on the relay's port), speaking its
 * {@code {"success", "message", "data"}} envelope. Used by the demo set-up and the end-to-end tests.
 */
public final class ManagementClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ManagementClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A logged-in user: the bearer for {@code /api} and the user's id. */
    public record Session(long userId, String accessToken) {
    }

    /** The call failed: HTTP status and the envelope's message. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public boolean isSetUp() {
        JsonNode data = call("GET", "/api/setup", null, null);
        return data.isBoolean() ? data.asBoolean() : data.path("status").asBoolean(data.path("is_setup").asBoolean());
    }

    public void setup(String username, String password) {
        call("POST", "/api/setup", null, Map.of("username", username, "password", password));
    }

    public void register(String username, String password) {
        call("POST", "/api/user/register", null, Map.of("username", username, "password", password));
    }

    public Session login(String username, String password) {
        JsonNode data = call("POST", "/api/user/login", null, Map.of("username", username, "password", password));
        return new Session(data.path("id").asLong(), data.path("access_token").asText());
    }

    /**
     * Waits until the read model knows this session's access token: reads ({@code GET /api/**}) are
     * served from projections that follow the event store within a moment of a login.
     */
    public Session awaitReadable(Session session, Duration timeout) {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (true) {
            try {
                get(session, "/api/user/self");
                return session;
            } catch (ApiException notYetProjected) {
                if (notYetProjected.status() != 401 || java.time.Instant.now().isAfter(deadline)) {
                    throw notYetProjected;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    public void setQuota(Session admin, long userId, long quota) {
        call("PUT", "/api/user/", admin, Map.of("id", userId, "quota", quota));
    }

    /** Creates an API token and returns its full {@code sk-} key (shown this once only). */
    public String createToken(Session owner, String name, long remainQuota, boolean unlimited) {
        JsonNode data = call("POST", "/api/token/", owner, Map.of(
                "name", name, "remain_quota", remainQuota, "unlimited_quota", unlimited, "expired_time", -1));
        return data.path("key").asText();
    }

    public void createChannel(Session admin, String name, String baseUrl, String key, String models) {
        call("POST", "/api/channel/", admin, Map.of(
                "type", 0, "name", name, "key", key, "base_url", baseUrl, "models", models, "group", "default"));
    }

    /** The {@code data} of an authenticated GET. */
    public JsonNode get(Session session, String pathAndQuery) {
        return call("GET", pathAndQuery, session, null);
    }

    public JsonNode call(String method, String path, Session session, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (session != null) {
                request.header("Authorization", "Bearer " + session.accessToken());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode envelope = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400 || !envelope.path("success").asBoolean(false)) {
                throw new ApiException(response.statusCode(), method + " " + path + " failed with HTTP "
                        + response.statusCode() + ": " + envelope.path("message").asText(response.body()));
            }
            return envelope.path("data");
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " could not reach " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
