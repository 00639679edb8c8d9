package dev.veloera.relay.chat;

import java.io.IOException;

import dev.veloera.relay.pricing.TokenUsage;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole answer: written up to its last byte, then the usage is recorded ({@code checkpoint}), then the last byte
 * completes the client's answer. A client gone before is still billed, as {@code client_aborted}.
 */
final class AnswerWriter {

    private static final Logger log = LoggerFactory.getLogger(AnswerWriter.class);

    private AnswerWriter() {
    }

    static Outcome write(HttpServletResponse response, int status, String contentType, byte[] bytes, TokenUsage usage,
                         String generated, int upstreamStatus, UsageCheckpoint checkpoint) {
        int held = bytes.length == 0 ? 0 : 1;
        Outcome outcome;
        boolean clientThere = false;
        try {
            response.setStatus(status);
            response.setContentType(contentType);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes, 0, bytes.length - held);
            response.flushBuffer();
            outcome = Outcome.success(usage, generated, upstreamStatus);
            clientThere = true;
        } catch (IOException e) {
            outcome = Outcome.aborted(usage, generated, upstreamStatus);
        }
        checkpoint.record(outcome);
        if (held > 0 && clientThere) {
            try {
                response.getOutputStream().write(bytes, bytes.length - held, held);
                response.flushBuffer();
            } catch (IOException e) {
                log.debug("Client left before the last byte of its answer: {}", e.toString());
            }
        }
        return outcome;
    }
}
