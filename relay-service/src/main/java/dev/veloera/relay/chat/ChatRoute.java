package dev.veloera.relay.chat;

import java.util.function.Function;
import java.util.function.Supplier;

import dev.veloera.relay.pricing.TokenUsage;
import dev.veloera.relay.upstream.UpstreamHttp;
import dev.veloera.relay.upstream.UpstreamRequest;

/**
 * One attempt's way to a channel and back: the upstream request, how its whole answer becomes the client's, and
 * the translator of its stream.
 */
record ChatRoute(UpstreamRequest request, Function<UpstreamHttp.Answer, ClientAnswer> answer,
                 Supplier<StreamTranslator> stream) {

    /** The client's answer with what billing needs; {@code body} null when the upstream's answer was unreadable. */
    record ClientAnswer(byte[] body, String contentType, TokenUsage usage, String generatedText) {
    }
}
