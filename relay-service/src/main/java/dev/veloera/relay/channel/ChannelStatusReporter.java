package dev.veloera.relay.channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.channel.ChannelStatusReport;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import dev.veloera.relay.RelayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reports a channel status change to command-service ({@code POST} {@value ChannelStatusReport#PATH}, internal
 * secret), in the background: the request that saw the failure does not wait for it. A failed report is retried a
 * few times; the channel stays set aside in this relay meanwhile either way.
 */
@Component
class ChannelStatusReporter {

    private static final Logger log = LoggerFactory.getLogger(ChannelStatusReporter.class);
    private static final int ATTEMPTS = 5;

    private final HttpClient http;
    private final RelayProperties properties;
    private final ObjectMapper json;
    private final URI uri;

    ChannelStatusReporter(HttpClient relayHttpClient, RelayProperties properties, ObjectMapper json) {
        this.http = relayHttpClient;
        this.properties = properties;
        this.json = json;
        String base = properties.commandUrl().toString();
        this.uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + ChannelStatusReport.PATH);
    }

    void report(long channelId, int status, String reason) {
        Thread.ofVirtual().name("channel-report-" + channelId)
                .start(() -> send(new ChannelStatusReport(channelId, status, reason)));
    }

    private void send(ChannelStatusReport report) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                        .timeout(properties.upstream().forwardTimeout())
                        .header("Content-Type", "application/json")
                        .header(ReserveQuotaRequest.SECRET_HEADER, properties.internalSecret())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(report)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    log.info("Channel {} reported with status {} ({})", report.channelId(), report.status(),
                            report.reason());
                    return;
                }
                log.warn("command-service answered HTTP {} to the status report of channel {}: {}",
                        response.statusCode(), report.channelId(), response.body());
                if (response.statusCode() / 100 == 4) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Status report of channel {} not delivered (attempt {}): {}", report.channelId(), attempt,
                        e.toString());
            }
            try {
                Thread.sleep(Duration.ofSeconds(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
