package dev.veloera.relay.provider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.pricing.TokenUsage;
import dev.veloera.relay.upstream.UpstreamRequest;

/** OpenAI and every OpenAI-compatible API (type 0): {@code <base>/v1/...}, {@code Authorization: Bearer}. */
class OpenAiProvider implements Provider {

    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean speaksOpenAi() {
        return true;
    }

    @Override
    public Target chat(Channel channel, String key, ObjectNode openAiBody, boolean stream) {
        return new Target(URI.create(channel.baseUrlOrDefault() + "/v1/chat/completions"), headers(key), openAiBody);
    }

    @Override
    public ObjectNode chatAnswer(JsonNode answer, String model) {
        return (ObjectNode) answer;
    }

    @Override
    public ChunkDecoder chatStream(String model) {
        return new OpenAiChunks();
    }

    @Override
    public UpstreamRequest endpoint(Channel channel, String key, String path, String model, byte[] body,
                                    String contentType) {
        return UpstreamRequest.post(URI.create(channel.baseUrlOrDefault() + path), headers(key), body, contentType);
    }

    Map<String, String> headers(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    /** OpenAI's own stream: {@code data: <chunk>} lines, ended by {@code data: [DONE]}. */
    static final class OpenAiChunks implements ChunkDecoder {
        private TokenUsage usage;

        @Override
        public List<ObjectNode> decode(String line) {
            if (!line.startsWith("data:")) {
                return List.of();
            }
            String data = line.substring(5).trim();
            if (data.isEmpty() || data.equals("[DONE]")) {
                return List.of();
            }
            try {
                JsonNode chunk = JSON.readTree(data);
                if (!chunk.isObject()) {
                    return List.of();
                }
                TokenUsage reported = TokenUsage.ofOpenAi(chunk.get("usage"));
                if (reported != null) {
                    usage = reported;
                }
                List<ObjectNode> chunks = new ArrayList<>(1);
                chunks.add((ObjectNode) chunk);
                return chunks;
            } catch (Exception e) {
                return List.of();
            }
        }

        @Override
        public TokenUsage usage() {
            return usage;
        }
    }
}
