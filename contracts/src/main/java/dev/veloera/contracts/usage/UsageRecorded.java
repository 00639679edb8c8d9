package dev.veloera.contracts.usage;

import java.util.Map;

/**
 * One relayed request, published once to {@link UsageTopic#NAME} keyed by user id. {@code requestId}
 * is the idempotency key of every consumer; {@code reservationId} names the quota reservation the
 * command side settles with {@code quota}. {@code occurredAt} is epoch milliseconds.
 *
 * @param status {@link #SUCCESS}, {@link #FAILED} or {@link #CLIENT_ABORTED}
 * @param other  ratios, channels tried and similar detail, shown in the log's {@code other} column
 */
public record UsageRecorded(String requestId, long occurredAt, long userId, String username, long tokenId,
                            String tokenName, long channelId, String group, String model, String upstreamModel,
                            int promptTokens, int completionTokens, long quota, String reservationId,
                            boolean stream, long useTimeMs, String status, String errorCode, String clientIp,
                            Map<String, Object> other) {

    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String CLIENT_ABORTED = "client_aborted";
}
