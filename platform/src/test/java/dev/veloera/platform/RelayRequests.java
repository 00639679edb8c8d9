package dev.veloera.platform;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Requests to the relay's {@code /v1/**} with an API key, as an OpenAI SDK sends them. */
final class RelayRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Supplier<String> relayUrl;

    /** @param relayUrl the relay's base URL, read at each request (a restarted platform keeps its ports) */
    RelayRequests(Supplier<String> relayUrl) {
        this.relayUrl = relayUrl;
    }

    HttpResponse<String> send(String method, String path, String key, Object body) throws Exception {
        return http.send(request(method, path, key, body), HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws Exception {
        return http.send(request, handler);
    }

    HttpRequest request(String method, String path, String key, Object body) throws Exception {
        return HttpRequest.newBuilder(URI.create(relayUrl.get() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
    }
}
