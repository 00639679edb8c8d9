package dev.veloera.relay.chat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.relay.auth.ApiKey;
import dev.veloera.relay.catalog.Catalog;
import dev.veloera.relay.catalog.RelayOptions;
import dev.veloera.relay.limits.ModelRequestRateLimit;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.channel.ChannelSelector;
import dev.veloera.relay.pricing.Billing;
import dev.veloera.relay.pricing.PricingService;
import dev.veloera.relay.pricing.TokenUsage;
import dev.veloera.relay.quota.QuotaLeases;
import dev.veloera.relay.quota.Spend;
import dev.veloera.relay.usage.UsageJournal;
import dev.veloera.relay.web.RelayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * One chat request from channel choice to usage record: choose a channel, price it, take its estimate from the
 * token's quota lease (in memory), try channels ({@link ChannelAttempts}), then swap the estimate for the actual cost
 * and record exactly one {@link UsageRecorded} naming the lease and every channel tried, whatever happened after the
 * take, before the client's answer completes (see {@link UsageCheckpoint}). Nothing is recorded for a request refused
 * before its take.
 */
@Component
class ChatRelay {

    static final String REQUEST_ID_HEADER = "X-Veloera-Request-Id";

    private final ChannelSelector channels;
    private final PricingService pricing;
    private final TokenCounter tokens;
    private final QuotaLeases leases;
    private final ChannelAttempts attempts;
    private final ChatRoutes routes;
    private final UsageJournal usage;
    private final Catalog catalog;
    private final MeterRegistry meters;
    private final ModelRequestRateLimit rateLimit;
    /** The request counter per status and kind, looked up once rather than in the registry on every request. */
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();

    ChatRelay(ChannelSelector channels, PricingService pricing, TokenCounter tokens, QuotaLeases leases,
              ChannelAttempts attempts, ChatRoutes routes, UsageJournal usage, Catalog catalog,
              MeterRegistry meters, ModelRequestRateLimit rateLimit) {
        this.routes = routes;
        this.rateLimit = rateLimit;
        this.channels = channels;
        this.pricing = pricing;
        this.tokens = tokens;
        this.leases = leases;
        this.attempts = attempts;
        this.usage = usage;
        this.catalog = catalog;
        this.meters = meters;
    }

    void relay(ApiKey key, ChatRequest request, HttpServletResponse response) throws IOException {
        relay(key, request, PriceRule.TOKENS, (channel, apiKey, upstreamModel) ->
                routes.route(request, channel, apiKey, upstreamModel), response);
    }

    /** Any request: priced by {@code rule}, each attempt's way to its channel made by {@code routeFactory}. */
    void relay(ApiKey key, ChatRequest request, PriceRule rule, ChannelAttempts.RouteFactory routeFactory,
               HttpServletResponse response) throws IOException {
        long started = System.currentTimeMillis();
        String model = request.model();
        rateLimit.admit(key.userId());
        if (!key.allows(model)) {
            throw new RelayException(GatewayError.MODEL_NOT_ALLOWED, "This API key may not use model " + model + ".");
        }
        Channel first = firstChannel(key, request);
        ModelPrice price = pricing.priceFor(model, key.group());
        int promptEstimate = rule.promptEstimate(tokens, request);
        long estimate = rule.estimate(price, promptEstimate, request);

        String requestId = UUID.randomUUID().toString();
        Spend spend = leases.take(key.userId(), key.tokenId(), estimate);
        response.setHeader(REQUEST_ID_HEADER, requestId);

        RelayOptions options = catalog.options();
        Set<Long> tried = new LinkedHashSet<>();
        Channel[] served = {first};
        UsageCheckpoint checkpoint = new Once(outcome -> record(outcome, requestId, spend, key, served[0], tried,
                price, options, promptEstimate, request, rule, started));
        Outcome outcome = Outcome.failed(GatewayError.INTERNAL_ERROR.code(), 0);
        try {
            outcome = attempts.run(key, request, first, options, tried, served, routeFactory, response, checkpoint);
        } finally {
            // normally a no-op: the attempt recorded before its last byte; here for an exception it did not catch
            checkpoint.record(outcome);
        }
    }

    private Channel firstChannel(ApiKey key, ChatRequest request) {
        if (request.pinnedChannel() != null) {
            Channel pinned = channels.byId(request.pinnedChannel());
            if (pinned == null) {
                throw new RelayException(GatewayError.MODEL_NOT_FOUND,
                        "Channel " + request.pinnedChannel() + " does not exist or is of a type this relay cannot call.");
            }
            return pinned;
        }
        return channels.choose(key.group(), request.model());
    }

    /** Builds the request's one usage record and returns once it is in the journal. */
    private void record(Outcome outcome, String requestId, Spend spend, ApiKey key, Channel channel, Set<Long> tried,
                        ModelPrice price, RelayOptions options, int promptEstimate, ChatRequest request,
                        PriceRule rule, long started) {
        String model = request.model();
        TokenUsage tokenUsage = null;
        long quota = 0;
        if (outcome.billable()) {
            tokenUsage = rule.used(tokens, request, promptEstimate, outcome);
            quota = rule.quota(price, tokenUsage, options.cacheRatioOf(model), request);
        }
        spend.finish(quota);
        usage.append(new UsageRecorded(requestId, System.currentTimeMillis(), key.userId(), key.username(),
                key.tokenId(), key.tokenName(), channel.id(), key.group(), model, channel.upstreamModel(model),
                tokenUsage == null ? 0 : tokenUsage.promptTokens(), tokenUsage == null ? 0 : tokenUsage.completionTokens(),
                quota, spend.leaseId(), request.stream(), System.currentTimeMillis() - started, outcome.status(),
                outcome.errorCode(), request.clientIp(), other(price, options, model, channel, tried, outcome,
                        tokenUsage)));
        if (UsageRecorded.SUCCESS.equals(outcome.status())) {
            rateLimit.succeeded(key.userId());
        }
        requestCounters.computeIfAbsent(outcome.status() + (request.stream() ? "|stream" : "|whole"),
                k -> meters.counter("veloera.relay.requests", "status", outcome.status(), "stream",
                        Boolean.toString(request.stream()))).increment();
    }

    /** Exactly one record per request, whichever of the attempt or the safety net above gets there first. */
    private static final class Once implements UsageCheckpoint {
        private final UsageCheckpoint delegate;
        private final AtomicBoolean done = new AtomicBoolean();

        Once(UsageCheckpoint delegate) {
            this.delegate = delegate;
        }

        @Override
        public void record(Outcome outcome) {
            if (done.compareAndSet(false, true)) {
                delegate.record(outcome);
            }
        }
    }

    private static Map<String, Object> other(ModelPrice price, RelayOptions options, String model, Channel channel,
                                             Set<Long> tried, Outcome outcome, TokenUsage usage) {
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("model_ratio", price.modelRatio());
        other.put("completion_ratio", price.completionRatio());
        other.put("group_ratio", price.groupRatio());
        if (price.perCall()) {
            other.put("model_price", price.modelPrice());
        }
        if (usage != null && usage.cachedTokens() > 0) {
            other.put("cache_tokens", usage.cachedTokens());
            other.put("cache_ratio", options.cacheRatioOf(model));
        }
        if (usage != null && usage.cacheCreationTokens() > 0) {
            other.put("cache_creation_tokens", usage.cacheCreationTokens());
            other.put("cache_creation_ratio", Billing.CACHE_CREATION_RATIO);
        }
        other.put("channel_id", channel.id());
        other.put("channel_name", channel.name());
        other.put("channels_tried", new ArrayList<>(tried.isEmpty() ? List.of(channel.id()) : tried));
        other.put("usage_source", outcome.usage() != null ? "upstream" : "counted");
        if (outcome.upstreamStatus() != 0) {
            other.put("upstream_status", outcome.upstreamStatus());
        }
        return other;
    }
}
