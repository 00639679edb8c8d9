package dev.veloera.bench.stacks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The relay's hop, the same on every stack so that only the server differs: the posted chat request parsed with
 * Jackson, sent on to the upstream through Apache HttpClient 5 (classic, pooled, configured as relay-service's
 * UpstreamHttp), the answer's usage parsed, the answer handed back. Blocking: each stack calls it on a virtual thread.
 */
public final class RelayHop {

    /** What goes back to the client. */
    public record Answer(int status, byte[] body) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NO_MODEL = "{\"error\":{\"message\":\"model is required\",\"type\":\"invalid_request_error\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final int MAX_CONNECTIONS = 1024;

    private final URI upstream;
    private final CloseableHttpClient client;
    /** Tokens counted from the answers' usage: keeps the usage parse from being dead code to the JIT. */
    private final LongAdder tokens = new LongAdder();

    public RelayHop(URI upstream) {
        this.upstream = upstream;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(300)).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    /** One upstream for the whole JVM, from the command line (Stacks). */
    public static RelayHop fromArgs(String upstream) {
        return new RelayHop(URI.create(upstream + "/v1/chat/completions"));
    }

    public Answer relay(byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        if (request == null || !request.path("model").isTextual()) {
            return new Answer(400, NO_MODEL);
        }
        var post = ClassicRequestBuilder.post(upstream)
                .setHeader("Authorization", "Bearer sk-static")
                .setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON))
                .build();
        return client.execute(post, response -> {
            byte[] answer = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            if (response.getCode() == 200) {
                tokens.add(JSON.readTree(answer).path("usage").path("total_tokens").asLong());
            }
            return new Answer(response.getCode(), answer);
        });
    }

    public long tokens() {
        return tokens.sum();
    }
}
