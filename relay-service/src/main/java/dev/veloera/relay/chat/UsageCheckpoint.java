package dev.veloera.relay.chat;

/**
 * Appends the request's usage record to the local journal (written to the OS: a killed relay keeps it) for
 * the given outcome. {@link UpstreamCall} calls it once the outcome is known and BEFORE the last byte of the client's
 * answer: the end of a JSON body, the {@code data: [DONE]} of a stream, or an error body. A process killed
 * after the client got its complete answer therefore cannot lose the record. Only the first call counts.
 */
@FunctionalInterface
interface UsageCheckpoint {

    void record(Outcome outcome);
}
