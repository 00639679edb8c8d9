package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.pricing.TokenUsage;

/** OpenAI's stream format: {@code data: <chunk>}, then (when asked for) a usage-only chunk, then {@code [DONE]}. */
final class OpenAiChunkEncoder implements ChunkEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean includeUsage;
    private final String model;
    private String id = "chatcmpl-relay";

    OpenAiChunkEncoder(boolean includeUsage, String model) {
        this.includeUsage = includeUsage;
        this.model = model;
    }

    @Override
    public String encode(ObjectNode chunk) {
        if (chunk.hasNonNull("id")) {
            id = chunk.get("id").asText();
        }
        if (chunk.path("choices").isEmpty()) {
            return "";
        }
        chunk.remove("usage");
        return "data: " + chunk + "\n\n";
    }

    @Override
    public String finish(TokenUsage usage) {
        StringBuilder out = new StringBuilder();
        if (includeUsage && usage != null) {
            ObjectNode last = JSON.createObjectNode();
            last.put("id", id).put("object", "chat.completion.chunk").put("created", System.currentTimeMillis() / 1000)
                    .put("model", model);
            last.putArray("choices");
            last.set("usage", usage.toOpenAi());
            out.append("data: ").append(last).append("\n\n");
        }
        return out.append("data: [DONE]\n\n").toString();
    }
}
