package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.relay.pricing.TokenUsage;

/**
 * Claude's stream to an Anthropic client, passed on line by line as it arrives, reading the usage from
 * {@code message_start} and {@code message_delta}; {@code event: message_stop} and what follows are held until the
 * usage is recorded.
 */
final class ClaudePassthrough implements StreamTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder text = new StringBuilder();
    private StringBuilder tail;
    private int input;
    private int output;
    private int cacheRead;
    private int cacheCreation;
    private boolean started;

    @Override
    public String onLine(String line) {
        if (tail == null && line.startsWith("event:") && line.substring(6).trim().equals("message_stop")) {
            tail = new StringBuilder();
        }
        if (tail != null) {
            tail.append(line).append('\n');
            return "";
        }
        if (line.startsWith("data:")) {
            read(line.substring(5).trim());
        }
        return line + "\n";
    }

    private void read(String data) {
        JsonNode event;
        try {
            event = JSON.readTree(data);
        } catch (Exception e) {
            return;
        }
        switch (event.path("type").asText()) {
            case "message_start" -> {
                JsonNode usage = event.at("/message/usage");
                input = usage.path("input_tokens").asInt(0);
                output = usage.path("output_tokens").asInt(0);
                cacheRead = usage.path("cache_read_input_tokens").asInt(0);
                cacheCreation = usage.path("cache_creation_input_tokens").asInt(0);
                started = true;
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                text.append(delta.path("text").asText("")).append(delta.path("thinking").asText(""))
                        .append(delta.path("partial_json").asText(""));
            }
            case "message_delta" -> {
                JsonNode usage = event.path("usage");
                output = usage.path("output_tokens").asInt(output);
                if (usage.path("input_tokens").asInt(0) > 0) {
                    input = usage.path("input_tokens").asInt();
                }
            }
            default -> {
            }
        }
    }

    @Override
    public String tail() {
        return tail == null ? "" : tail.toString();
    }

    @Override
    public TokenUsage usage() {
        return started ? TokenUsage.ofClaude(input, output, cacheRead, cacheCreation) : null;
    }

    @Override
    public String generatedText() {
        return text.toString();
    }
}
