package dev.veloera.relay.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.veloera.relay.RelayProperties;
import dev.veloera.relay.channel.Channel;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Passes an open upstream stream to the client as it arrives, through a {@link StreamTranslator}: every line is
 * written and flushed at once, except the stream's end, held until the usage is recorded ({@code checkpoint}) at the
 * end of the upstream's stream. A client that leaves is still billed for what the upstream generated (the upstream is
 * drained). An upstream silent for {@code streamIdleTimeout} is abandoned ({@link StreamIdleWatchdog}); with
 * {@code PingIntervalEnabled}, a quiet stream gets an SSE comment every {@code PingIntervalSeconds} so that proxies on
 * the way keep it open.
 */
@Component
class StreamPump {

    private static final Logger log = LoggerFactory.getLogger(StreamPump.class);
    private static final byte[] PING = ": PING\n\n".getBytes(StandardCharsets.UTF_8);

    private final RelayProperties properties;
    private final ErrorWriter errors;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "upstream-stream-timers");
        thread.setDaemon(true);
        return thread;
    });

    StreamPump(RelayProperties properties, ErrorWriter errors) {
        this.properties = properties;
        this.errors = errors;
    }

    @PreDestroy
    void stopTimers() {
        timers.shutdownNow();
    }

    Outcome pump(Channel channel, HttpResponse<Stream<String>> upstream, StreamTranslator translator,
                 ClientFormat format, Duration pingInterval, HttpServletResponse response, UsageCheckpoint checkpoint)
            throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        response.flushBuffer();

        ClientWire wire = new ClientWire(out);
        ScheduledFuture<?> pings = pingInterval == null ? null : timers.scheduleAtFixedRate(
                () -> wire.pingIfQuiet(pingInterval), pingInterval.toMillis(), pingInterval.toMillis() / 2 + 1,
                TimeUnit.MILLISECONDS);
        StreamIdleWatchdog watchdog = new StreamIdleWatchdog(Thread.currentThread(),
                properties.upstream().streamIdleTimeout(), timers);
        try (Stream<String> lines = upstream.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                watchdog.activity();
                String text = translator.onLine(line);
                if (!text.isEmpty() && !wire.write(text)) {
                    log.debug("Client left mid-stream on channel {}; draining the upstream to bill it.", channel.id());
                }
                watchdog.activity();
            }
        } catch (UncheckedIOException e) {
            watchdog.stop();
            log.warn("Channel {} ({}) {}: {}", channel.id(), channel.name(), watchdog.fired()
                    ? "sent nothing for " + properties.upstream().streamIdleTimeout() + "; stream abandoned"
                    : "broke off a stream", e.getCause().toString());
            Outcome outcome = wire.gone() ? Outcome.aborted(translator.usage(), translator.generatedText(), 200)
                    : Outcome.failed(watchdog.fired() ? "upstream_stream_idle" : "upstream_stream_broken", 200);
            checkpoint.record(outcome);
            wire.write(errors.streamEvent(format, "the upstream broke off the stream"));
            return outcome;
        } finally {
            watchdog.stop();
            if (pings != null) {
                pings.cancel(false);
            }
        }
        Outcome outcome = wire.gone() ? Outcome.aborted(translator.usage(), translator.generatedText(), 200)
                : Outcome.success(translator.usage(), translator.generatedText(), 200);
        checkpoint.record(outcome);
        wire.write(translator.tail());
        return outcome;
    }

    /** The client's side of the stream, shared by the reading thread and the pings: one writer at a time. */
    private static final class ClientWire {
        private final OutputStream out;
        private volatile long lastWrite = System.nanoTime();
        private volatile boolean gone;

        ClientWire(OutputStream out) {
            this.out = out;
        }

        boolean gone() {
            return gone;
        }

        synchronized boolean write(String text) {
            if (gone || text.isEmpty()) {
                return !gone;
            }
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastWrite = System.nanoTime();
                return true;
            } catch (IOException e) {
                gone = true;
                return false;
            }
        }

        synchronized void pingIfQuiet(Duration interval) {
            if (gone || System.nanoTime() - lastWrite < interval.toNanos()) {
                return;
            }
            try {
                out.write(PING);
                out.flush();
                lastWrite = System.nanoTime();
            } catch (IOException e) {
                gone = true;
            }
        }
    }
}
