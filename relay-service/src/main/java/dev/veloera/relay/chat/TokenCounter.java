package dev.veloera.relay.chat;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import org.springframework.stereotype.Component;

/**
 * Token counts for the reservation estimate and for upstreams that report no {@code usage}: o200k for
 * the GPT-4o / 4.1 / o-series / GPT-5 families, cl100k for everything else (a fair approximation for
 * non-OpenAI models, which is all a reservation needs).
 */
@Component
class TokenCounter {

    /** OpenAI's chat overhead: tokens framing each message, a name, and the reply's priming. */
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_NAME = 1;
    private static final int REPLY_PRIMING = 3;

    private final Encoding cl100k;
    private final Encoding o200k;

    TokenCounter() {
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
    }

    Encoding encodingFor(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        boolean o200 = m.startsWith("gpt-4o") || m.startsWith("chatgpt-4o") || m.startsWith("gpt-4.1")
                || m.startsWith("gpt-4.5") || m.startsWith("gpt-5") || m.startsWith("o1") || m.startsWith("o3")
                || m.startsWith("o4");
        return o200 ? o200k : cl100k;
    }

    int countText(String model, String text) {
        return text == null || text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text);
    }

    /** The prompt of a chat request: messages (text parts), names, and tool definitions. */
    int countPrompt(String model, JsonNode request) {
        Encoding encoding = encodingFor(model);
        int tokens = 0;
        JsonNode messages = request.path("messages");
        for (JsonNode message : messages) {
            tokens += TOKENS_PER_MESSAGE;
            tokens += count(encoding, message.path("role").asText(""));
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                tokens += count(encoding, content.asText());
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    tokens += count(encoding, part.path("text").asText(""));
                }
            }
            if (message.hasNonNull("name")) {
                tokens += TOKENS_PER_NAME + count(encoding, message.path("name").asText());
            }
            if (message.has("tool_calls")) {
                tokens += count(encoding, message.path("tool_calls").toString());
            }
        }
        if (request.has("tools")) {
            tokens += count(encoding, request.path("tools").toString());
        }
        return tokens + REPLY_PRIMING;
    }

    private static int count(Encoding encoding, String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }
}
