package dev.veloera.analytics.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.veloera.contracts.common.LogTypes;
import dev.veloera.contracts.usage.UsageRecorded;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the {@code logs} table, as the topology emits it for the sink.
 *
 * @param createdAt epoch seconds, as every timestamp column of the seed
 * @param useTime   milliseconds, as the seed documents {@code logs.use_time} (毫秒); Veloera itself
 *                  writes whole seconds there, which cannot tell a 200 ms answer from a 900 ms one
 * @param other     JSON object text: the relay's {@code other} plus status, error code and upstream model
 */
public record LogEntry(String requestId, long userId, long createdAt, int type, String content, String username,
                       String tokenName, String modelName, long quota, int promptTokens, int completionTokens,
                       long useTime, boolean stream, long channelId, long tokenId, String groupName, String other) {

    /** Veloera's log type 2 (a billed request), and ours for a failed one: 6, not Veloera's 5, which is a check-in. */
    public static final int TYPE_CONSUME = LogTypes.CONSUME;
    public static final int TYPE_ERROR = LogTypes.ERROR;

    static LogEntry of(UsageRecorded usage) {
        boolean failed = UsageRecorded.FAILED.equals(usage.status());
        return new LogEntry(usage.requestId(), usage.userId(), Math.floorDiv(usage.occurredAt(), 1000),
                failed ? TYPE_ERROR : TYPE_CONSUME, LogContent.describe(usage), usage.username(), usage.tokenName(),
                usage.model(), usage.quota(), usage.promptTokens(), usage.completionTokens(), usage.useTimeMs(),
                usage.stream(), usage.channelId(), usage.tokenId(), usage.group(), otherJson(usage));
    }

    private static String otherJson(UsageRecorded usage) {
        Map<String, Object> other = new LinkedHashMap<>();
        if (usage.other() != null) {
            other.putAll(usage.other());
        }
        other.putIfAbsent("status", usage.status());
        if (usage.errorCode() != null) {
            other.putIfAbsent("error_code", usage.errorCode());
        }
        if (usage.upstreamModel() != null && !Objects.equals(usage.upstreamModel(), usage.model())) {
            other.putIfAbsent("upstream_model_name", usage.upstreamModel());
        }
        try {
            return JsonSerde.MAPPER.writeValueAsString(other);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("usage " + usage.requestId() + " has an unwritable 'other'", e);
        }
    }
}
