package dev.veloera.relay.chat;

import dev.veloera.relay.pricing.TokenUsage;

/**
 * Turns an upstream's event stream, line by line, into the client's, and keeps what billing needs. The end of the
 * client's stream ({@link #tail()}) is held back until the usage record is in the journal.
 */
interface StreamTranslator {

    /** What to write to the client now for one upstream line ({@code ""} for nothing), line ends included. */
    String onLine(String line);

    /** The end of the client's stream, written once the usage is recorded. */
    String tail();

    /** What the upstream reported, or null. */
    TokenUsage usage();

    /** What was generated, counted when the upstream reports no usage. */
    String generatedText();
}
