package dev.veloera.relay.chat;

import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.relay.pricing.TokenUsage;

/**
 * How a reserved request ended.
 *
 * @param usage          the tokens the upstream reported, or null when it reported none
 * @param generatedText  what the upstream generated, counted when {@code usage} is missing
 * @param upstreamStatus the upstream's HTTP status, 0 when it never answered
 */
record Outcome(String status, TokenUsage usage, String generatedText, String errorCode, int upstreamStatus) {

    static Outcome success(TokenUsage usage, String generatedText, int upstreamStatus) {
        return new Outcome(UsageRecorded.SUCCESS, usage, generatedText, null, upstreamStatus);
    }

    static Outcome aborted(TokenUsage usage, String generatedText, int upstreamStatus) {
        return new Outcome(UsageRecorded.CLIENT_ABORTED, usage, generatedText, "client_aborted", upstreamStatus);
    }

    static Outcome failed(String errorCode, int upstreamStatus) {
        return new Outcome(UsageRecorded.FAILED, null, "", errorCode, upstreamStatus);
    }

    boolean billable() {
        return !UsageRecorded.FAILED.equals(status);
    }
}
