package dev.veloera.relay.chat;

import java.io.IOException;
import java.net.URI;

import dev.veloera.relay.RelayProperties;
import jakarta.annotation.PreDestroy;
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
import org.springframework.stereotype.Component;

/**
 * Non-streaming upstream calls with their I/O on the request's own virtual thread (Apache HttpClient 5, classic
 * blocking API, pooled keep-alive connections). The JDK HttpClient hands every exchange between the caller, its
 * selector thread and its worker pool. One benchmark run at one connection went from 5.2 ms to 2.3 ms p50; the
 * session's last run did not reproduce it (docs/benchmarks.md: the machine's other JVMs dominate that figure).
 * Streams still use the JDK client's line reader with the idle watchdog ({@link StreamIdleWatchdog}).
 */
@Component
class BlockingUpstream {

    /** A whole answer. */
    record Answer(int statusCode, byte[] body) {
    }

    private static final int MAX_CONNECTIONS = 1024;

    private final CloseableHttpClient client;

    BlockingUpstream(RelayProperties properties) {
        RelayProperties.Upstream upstream = properties.upstream();
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
                // a retried POST could run a completion twice, billed once
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }

    /** POSTs a JSON body with the channel's key and reads the whole answer; connection failures and timeouts throw. */
    Answer post(URI uri, String apiKey, byte[] json) throws IOException {
        return client.execute(ClassicRequestBuilder.post(uri)
                        .setHeader("Accept", "application/json")
                        .setHeader("Authorization", "Bearer " + apiKey)
                        .setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON))
                        .build(),
                answer -> new Answer(answer.getCode(),
                        answer.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(answer.getEntity())));
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }
}
