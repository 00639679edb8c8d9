package dev.veloera.relay.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.veloera.relay.RelayProperties;
import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * The wire to channels. Whole answers with their I/O on the request's own virtual thread (Apache HttpClient 5,
 * classic blocking API, pooled keep-alive connections): the JDK HttpClient hands every exchange between the caller,
 * its selector thread and its worker pool (docs/benchmarks.md). Streams use the JDK client's line reader, which the
 * idle watchdog can interrupt. Connection failures and timeouts throw; an HTTP error status is an answer.
 */
@Component
public class UpstreamHttp {

    /** A whole answer. */
    public record Answer(int statusCode, byte[] body, String contentType) {
    }

    private static final int MAX_CONNECTIONS = 1024;

    private final CloseableHttpClient client;
    private final HttpClient streams;
    private final RelayProperties properties;

    UpstreamHttp(RelayProperties properties, HttpClient relayHttpClient) {
        RelayProperties.Upstream upstream = properties.upstream();
        this.properties = properties;
        this.streams = relayHttpClient;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(upstream.connectTimeout()))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(upstream.responseTimeout()))
                        .build())
                // a retried POST could run a completion twice, billed once; the relay retries on another channel
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    /** Sends the request and reads the whole answer. */
    public Answer send(UpstreamRequest request) throws IOException {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method()).setUri(request.uri());
        request.headers().forEach(builder::setHeader);
        if (request.body() != null) {
            builder.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
        }
        return client.execute(builder.build(), answer -> {
            Header type = answer.getFirstHeader("Content-Type");
            return new Answer(answer.getCode(),
                    answer.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(answer.getEntity()),
                    type == null ? "application/json" : type.getValue());
        });
    }

    /** Opens a stream: the answer's status and headers, its body line by line as it arrives. */
    public HttpResponse<Stream<String>> open(UpstreamRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(properties.upstream().responseTimeout())
                .header("Content-Type", request.contentType())
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            builder.setHeader(header.getKey(), header.getValue());
        }
        if ("http".equalsIgnoreCase(request.uri().getScheme())) {
            // plain-HTTP upstreams rarely speak h2c; skip the upgrade dance
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return streams.send(builder.build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** The body of a stream that answered with an error status. */
    public static byte[] drain(HttpResponse<Stream<String>> response) {
        try (Stream<String> lines = response.body()) {
            return lines.collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
        } catch (UncheckedIOException e) {
            return new byte[0];
        }
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }
}
