package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veloera.contracts.usage.UsageRecorded;

/**
 * How a reserved request ended.
 *
 * @param usage          the upstream's {@code usage} object, or null when it sent none
 * @param generatedText  what the upstream generated, counted when {@code usage} is missing
 * @param upstreamStatus the upstream's HTTP status, 0 when it never answered
 */
record Outcome(String status, JsonNode usage, String generatedText, String errorCode, int upstreamStatus) {

    static Outcome success(JsonNode usage, String generatedText, int upstreamStatus) {
        return new Outcome(UsageRecorded.SUCCESS, usage, generatedText, null, upstreamStatus);
    }

    static Outcome aborted(JsonNode usage, String generatedText, int upstreamStatus) {
        return new Outcome(UsageRecorded.CLIENT_ABORTED, usage, generatedText, "client_aborted", upstreamStatus);
    }

    static Outcome failed(String errorCode, int upstreamStatus) {
        return new Outcome(UsageRecorded.FAILED, null, "", errorCode, upstreamStatus);
    }

    boolean billable() {
        return !UsageRecorded.FAILED.equals(status);
    }
}
