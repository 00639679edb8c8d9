package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.relay.pricing.TokenUsage;

/**
 * An OpenAI stream to an OpenAI client, passed on line by line unchanged, except the final {@code data: [DONE]} and
 * what follows it (held until the usage is recorded) and the usage-only chunk the relay asked for on behalf of a
 * client that did not.
 */
final class OpenAiPassthrough implements StreamTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean clientWantsUsage;
    private final StringBuilder text = new StringBuilder();
    private StringBuilder tail;
    private TokenUsage usage;
    private boolean skipBlankLine;

    OpenAiPassthrough(boolean clientWantsUsage) {
        this.clientWantsUsage = clientWantsUsage;
    }

    @Override
    public String onLine(String line) {
        if (tail == null && isDone(line)) {
            tail = new StringBuilder();
        }
        if (tail != null) {
            tail.append(line).append('\n');
            return "";
        }
        if (line.startsWith("data:")) {
            JsonNode chunk = chunkOf(line);
            if (chunk != null) {
                // chat and completions chunks carry usage at the top; the Responses API in response.completed
                TokenUsage reported = TokenUsage.ofOpenAi(chunk.has("usage") ? chunk.get("usage")
                        : chunk.path("response").get("usage"));
                if (chunk.has("delta") && chunk.path("type").asText().endsWith("output_text.delta")) {
                    text.append(chunk.path("delta").asText(""));
                }
                if (reported != null) {
                    usage = reported;
                }
                for (JsonNode choice : chunk.path("choices")) {
                    appendGenerated(choice.path("delta"), text);
                    text.append(choice.path("text").asText(""));
                }
                if (reported != null && !clientWantsUsage && chunk.path("choices").isEmpty()) {
                    skipBlankLine = true;
                    return "";
                }
            }
        } else if (line.isEmpty() && skipBlankLine) {
            skipBlankLine = false;
            return "";
        }
        return line + "\n";
    }

    @Override
    public String tail() {
        return tail == null ? "" : tail.toString();
    }

    @Override
    public TokenUsage usage() {
        return usage;
    }

    @Override
    public String generatedText() {
        return text.toString();
    }

    private static boolean isDone(String line) {
        return line.startsWith("data:") && line.substring(5).trim().equals("[DONE]");
    }

    private static JsonNode chunkOf(String line) {
        String data = line.substring(5).trim();
        if (data.isEmpty() || data.equals("[DONE]")) {
            return null;
        }
        try {
            return JSON.readTree(data);
        } catch (Exception e) {
            return null;
        }
    }

    /** The text of an OpenAI message or delta: content, reasoning and tool calls. */
    static void appendGenerated(JsonNode message, StringBuilder text) {
        text.append(message.path("content").asText(""));
        text.append(message.path("reasoning_content").asText(""));
        for (JsonNode call : message.path("tool_calls")) {
            text.append(call.path("function").path("name").asText(""));
            text.append(call.path("function").path("arguments").asText(""));
        }
    }
}
