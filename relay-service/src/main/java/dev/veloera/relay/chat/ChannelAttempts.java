package dev.veloera.relay.chat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.stream.Stream;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.relay.auth.ApiKey;
import dev.veloera.relay.catalog.RelayOptions;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.channel.ChannelHealth;
import dev.veloera.relay.channel.ChannelSelector;
import dev.veloera.relay.channel.DisableRules;
import dev.veloera.relay.provider.UnsupportedRequestException;
import dev.veloera.relay.upstream.UpstreamFailure;
import dev.veloera.relay.upstream.UpstreamHttp;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tries channels for one request until one answers: a failure worth another channel ({@link UpstreamFailure#retryable},
 * or a channel whose key was just found bad) moves to the next channel, one priority level lower each time, up to
 * RetryTimes more; nothing reaches the client until an attempt answered, so a retry never follows a byte sent. A
 * request the channel's provider cannot serve as asked is the client's to change: 400, no other channel tried. A bad
 * key is set aside (and the channel auto-disabled when it was its last) by {@link ChannelHealth}. A channel pinned with
 * {@code sk-KEY-<channelId>} is tried alone.
 */
@Component
class ChannelAttempts {

    private static final Logger log = LoggerFactory.getLogger(ChannelAttempts.class);

    private final ChannelSelector selector;
    private final ChannelHealth health;
    private final UpstreamHttp http;
    private final StreamPump pump;
    private final ErrorWriter errors;

    ChannelAttempts(ChannelSelector selector, ChannelHealth health, UpstreamHttp http, StreamPump pump,
                    ErrorWriter errors) {
        this.selector = selector;
        this.health = health;
        this.http = http;
        this.pump = pump;
        this.errors = errors;
    }

    /** Makes one attempt's way to its channel. */
    @FunctionalInterface
    interface RouteFactory {
        ChatRoute route(Channel channel, String apiKey, String upstreamModel);
    }

    /** Runs the attempts; {@code served[0]} names the channel of the last one when it returns. */
    Outcome run(ApiKey key, ChatRequest request, Channel first, RelayOptions options, Set<Long> tried,
                Channel[] served, RouteFactory routes, HttpServletResponse response, UsageCheckpoint checkpoint)
            throws IOException {
        Channel channel = first;
        int attempt = 0;
        while (true) {
            served[0] = channel;
            tried.add(channel.id());
            String apiKey = health.nextKey(channel);
            ChatRoute route;
            try {
                route = routes.route(channel, apiKey, channel.upstreamModel(request.model()));
            } catch (UnsupportedRequestException e) {
                Outcome outcome = Outcome.failed(GatewayError.INVALID_REQUEST.code(), 0);
                checkpoint.record(outcome);
                errors.write(response, request.format(), 400, GatewayError.INVALID_REQUEST, e.getMessage());
                return outcome;
            }
            if (route == null) {
                Outcome outcome = Outcome.failed("unsupported_by_channel", 0);
                checkpoint.record(outcome);
                errors.write(response, request.format(), 501, GatewayError.INVALID_REQUEST,
                        "Channel " + channel.id() + " (" + channel.name() + ") cannot serve this endpoint.");
                return outcome;
            }
            Result result = request.stream() ? openStream(route) : send(route);
            if (result.failure() == null) {
                return request.stream()
                        ? pump.pump(channel, result.stream(), route.stream().get(), request.format(),
                        options.pingInterval(), response, checkpoint)
                        : answer(channel, route, result.answer(), request, response, checkpoint);
            }
            UpstreamFailure failure = result.failure();
            String disable = DisableRules.reason(options, channel.type(), failure);
            if (disable != null) {
                health.keyFailed(channel, apiKey, disable);
            }
            Channel next = null;
            if (disable != null && health.usable(channel) && attempt < options.retryTimes()) {
                attempt++;
                next = channel; // a bad key set aside alone: the channel's next key
            } else if ((failure.retryable() || disable != null) && attempt < options.retryTimes()
                    && request.pinnedChannel() == null) {
                attempt++;
                next = selector.choose(key.group(), request.model(), attempt, tried);
            }
            if (next == null) {
                log.info("Channel {} ({}) failed the request: {}", channel.id(), channel.name(), failure.errorCode());
                Outcome outcome = Outcome.failed(failure.errorCode(), failure.status());
                checkpoint.record(outcome);
                errors.upstream(response, request.format(), channel.clientStatus(failure.status()), failure);
                return outcome;
            }
            log.info("Channel {} ({}) failed ({}); retrying on channel {} ({})", channel.id(), channel.name(),
                    failure.errorCode(), next.id(), next.name());
            channel = next;
        }
    }

    private Outcome answer(Channel channel, ChatRoute route, UpstreamHttp.Answer answer, ChatRequest request,
                           HttpServletResponse response, UsageCheckpoint checkpoint) throws IOException {
        ChatRoute.ClientAnswer converted = route.answer().apply(answer);
        if (converted.body() == null) {
            UpstreamFailure failure = UpstreamFailure.unreachable(false, "the upstream's answer cannot be read");
            Outcome outcome = Outcome.failed("upstream_bad_answer", answer.statusCode());
            checkpoint.record(outcome);
            errors.upstream(response, request.format(), 502, failure);
            return outcome;
        }
        return AnswerWriter.write(response, channel.clientStatus(answer.statusCode()), converted.contentType(),
                converted.body(), converted.usage(), converted.generatedText(), answer.statusCode(), checkpoint);
    }

    /** One attempt's upstream exchange, before anything is written to the client. */
    private record Result(UpstreamHttp.Answer answer, HttpResponse<Stream<String>> stream, UpstreamFailure failure) {
    }

    private Result send(ChatRoute route) {
        try {
            UpstreamHttp.Answer answer = http.send(route.request());
            if (answer.statusCode() / 100 != 2) {
                return new Result(null, null, UpstreamFailure.of(answer.statusCode(), answer.body()));
            }
            return new Result(answer, null, null);
        } catch (IOException e) {
            return new Result(null, null, unreachable(route, e));
        }
    }

    private Result openStream(ChatRoute route) {
        try {
            HttpResponse<Stream<String>> stream = http.open(route.request());
            if (stream.statusCode() / 100 != 2) {
                return new Result(null, null, UpstreamFailure.of(stream.statusCode(), UpstreamHttp.drain(stream)));
            }
            return new Result(null, stream, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, null, UpstreamFailure.unreachable(false, e.toString()));
        } catch (IOException e) {
            return new Result(null, null, unreachable(route, e));
        }
    }

    /**
     * A read timeout is not retried (the upstream may still be working on it); a connect timeout is (Apache's client
     * reports it as a {@code ConnectTimeoutException}, the JDK's as an {@code HttpConnectTimeoutException}).
     */
    private static UpstreamFailure unreachable(ChatRoute route, IOException e) {
        boolean timeout = e instanceof SocketTimeoutException
                || (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException));
        log.warn("Upstream {} {}: {}", route.request().uri().getHost(), timeout ? "timed out" : "is unreachable",
                e.toString());
        return UpstreamFailure.unreachable(timeout, e.toString());
    }
}
