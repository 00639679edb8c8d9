package dev.veloera.relay.chat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.relay.auth.ApiKey;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.channel.ChannelSelector;
import dev.veloera.relay.pricing.PricingService;
import dev.veloera.relay.quota.QuotaLeases;
import dev.veloera.relay.quota.Spend;
import dev.veloera.relay.usage.UsageJournal;
import dev.veloera.relay.web.RelayException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * One chat completion from channel choice to usage record: choose a channel, price it, take its estimate
 * from the token's quota lease (in memory), call the upstream, then swap the estimate for the actual cost
 * and record exactly one {@link UsageRecorded} naming the lease, whatever happened after the take,
 * before the client's answer completes (see {@link UsageCheckpoint}). Nothing is recorded for a request
 * refused before its take.
 */
@Component
class ChatRelay {

    static final String REQUEST_ID_HEADER = "X-Veloera-Request-Id";

    private final ChannelSelector channels;
    private final PricingService pricing;
    private final TokenCounter tokens;
    private final QuotaLeases leases;
    private final UpstreamCall upstream;
    private final UsageJournal usage;
    private final MeterRegistry meters;

    ChatRelay(ChannelSelector channels, PricingService pricing, TokenCounter tokens, QuotaLeases leases,
              UpstreamCall upstream, UsageJournal usage, MeterRegistry meters) {
        this.channels = channels;
        this.pricing = pricing;
        this.tokens = tokens;
        this.leases = leases;
        this.upstream = upstream;
        this.usage = usage;
        this.meters = meters;
    }

    void relay(ApiKey key, ObjectNode body, String clientIp, HttpServletResponse response) throws IOException {
        long started = System.currentTimeMillis();
        String model = body.get("model").asText();
        boolean stream = body.path("stream").asBoolean(false);
        if (!key.allows(model)) {
            throw new RelayException(GatewayError.MODEL_NOT_ALLOWED, "This API key may not use model " + model + ".");
        }
        Channel channel = channels.choose(key.group(), model);
        ModelPrice price = pricing.priceFor(model, key.group());
        int promptEstimate = tokens.countPrompt(model, body);
        long estimate = price.reservationFor(promptEstimate, maxTokens(body));

        String requestId = UUID.randomUUID().toString();
        Spend spend = leases.take(key.userId(), key.tokenId(), estimate);

        response.setHeader(REQUEST_ID_HEADER, requestId);
        String upstreamModel = channel.upstreamModel(model);
        body.put("model", upstreamModel);
        UsageCheckpoint checkpoint = new Once(outcome -> record(outcome, requestId, spend, key, channel, price,
                promptEstimate, model, upstreamModel, stream, started, clientIp));
        Outcome outcome = Outcome.failed(GatewayError.INTERNAL_ERROR.code(), 0);
        try {
            outcome = stream ? upstream.stream(channel, body, response, checkpoint)
                    : upstream.complete(channel, body, response, checkpoint);
        } finally {
            // normally a no-op: UpstreamCall recorded before its last byte; here for an exception it did not catch
            checkpoint.record(outcome);
        }
    }

    /** Builds the request's one usage record and returns once it is durable. */
    private void record(Outcome outcome, String requestId, Spend spend, ApiKey key,
                        Channel channel, ModelPrice price, int promptEstimate, String model, String upstreamModel,
                        boolean stream, long started, String clientIp) {
        int prompt = promptEstimate;
        int completion = 0;
        long quota = 0;
        if (outcome.billable()) {
            JsonNode reported = outcome.usage();
            if (reported != null) {
                prompt = reported.path("prompt_tokens").asInt(promptEstimate);
                completion = reported.path("completion_tokens").asInt(0);
            } else {
                completion = tokens.countText(model, outcome.generatedText());
            }
            quota = price.quotaFor(prompt, completion);
        } else {
            prompt = 0;
        }
        spend.finish(quota);
        usage.append(new UsageRecorded(requestId, System.currentTimeMillis(), key.userId(), key.username(),
                key.tokenId(), key.tokenName(), channel.id(), key.group(), model, upstreamModel, prompt, completion,
                quota, spend.leaseId(), stream, System.currentTimeMillis() - started, outcome.status(),
                outcome.errorCode(), clientIp, other(price, channel, outcome)));
        meters.counter("veloera.relay.requests", "status", outcome.status(), "stream", Boolean.toString(stream))
                .increment();
    }

    /** Exactly one record per request, whichever of UpstreamCall or the safety net above gets there first. */
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

    private static Integer maxTokens(JsonNode body) {
        JsonNode value = body.hasNonNull("max_tokens") ? body.get("max_tokens") : body.get("max_completion_tokens");
        return value != null && value.canConvertToInt() ? value.asInt() : null;
    }

    private static Map<String, Object> other(ModelPrice price, Channel channel, Outcome outcome) {
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("model_ratio", price.modelRatio());
        other.put("completion_ratio", price.completionRatio());
        other.put("group_ratio", price.groupRatio());
        if (price.perCall()) {
            other.put("model_price", price.modelPrice());
        }
        other.put("channel_id", channel.id());
        other.put("channel_name", channel.name());
        other.put("channels_tried", List.of(channel.id()));
        other.put("usage_source", outcome.usage() != null ? "upstream" : "counted");
        if (outcome.upstreamStatus() != 0) {
            other.put("upstream_status", outcome.upstreamStatus());
        }
        return other;
    }
}
