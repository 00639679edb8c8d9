package dev.veloera.relay.providers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * OpenAI's endpoints as the mock answers them. Chat: 20 prompt tokens of which 8 cached, 7 completion tokens; a tool
 * call when the request offers tools. Embeddings 5 tokens; images one URL each; speech some bytes; transcriptions and
 * translations a text; completions 9 + 4 tokens; responses 12 + 6 tokens; rerank 10 tokens; moderations 0.
 */
public final class MockOpenAiUpstream {

    public static final String ANSWER = "Hello from OpenAI.";
    public static final String USAGE = "{\"prompt_tokens\":20,\"completion_tokens\":7,\"total_tokens\":27,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":8}}";

    private MockOpenAiUpstream() {
    }

    static void handle(MockProviders mock, HttpExchange exchange, MockProviders.Call call) throws IOException {
        String path = call.path();
        JsonNode body = call.body();
        if (path.endsWith("/chat/completions")) {
            chat(exchange, body);
        } else if (path.endsWith("/embeddings")) {
            MockProviders.respond(exchange, 200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                    + "\"embedding\":[0.1,0.2,0.3]}],\"model\":\"" + body.path("model").asText()
                    + "\",\"usage\":{\"prompt_tokens\":5,\"total_tokens\":5}}");
        } else if (path.endsWith("/images/generations")) {
            int n = body.path("n").asInt(1);
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < n; i++) {
                data.append(i == 0 ? "" : ",").append("{\"url\":\"https://images.example/").append(i).append(".png\"}");
            }
            MockProviders.respond(exchange, 200, "{\"created\":1,\"data\":[" + data + "]}");
        } else if (path.endsWith("/audio/speech")) {
            MockProviders.respond(exchange, 200, "audio/mpeg", "ID3-fake-mp3".getBytes(StandardCharsets.UTF_8));
        } else if (path.endsWith("/audio/transcriptions") || path.endsWith("/audio/translations")) {
            MockProviders.respond(exchange, 200, "{\"text\":\"hello from the audio\"}");
        } else if (path.endsWith("/moderations")) {
            MockProviders.respond(exchange, 200, "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":"
                    + "[{\"flagged\":false,\"categories\":{},\"category_scores\":{}}]}");
        } else if (path.endsWith("/rerank")) {
            MockProviders.respond(exchange, 200, "{\"results\":[{\"index\":1,\"relevance_score\":0.9},"
                    + "{\"index\":0,\"relevance_score\":0.1}],\"usage\":{\"prompt_tokens\":10,\"total_tokens\":10}}");
        } else if (path.endsWith("/responses")) {
            MockProviders.respond(exchange, 200, "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,"
                    + "\"status\":\"completed\",\"model\":\"" + body.path("model").asText() + "\",\"output\":[{\"type\":"
                    + "\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":"
                    + "\"output_text\",\"text\":\"" + ANSWER + "\",\"annotations\":[]}]}],\"usage\":{\"input_tokens\":12,"
                    + "\"output_tokens\":6,\"total_tokens\":18,\"input_tokens_details\":{\"cached_tokens\":0},"
                    + "\"output_tokens_details\":{\"reasoning_tokens\":0}}}");
        } else if (path.endsWith("/completions")) {
            MockProviders.respond(exchange, 200, "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,"
                    + "\"model\":\"" + body.path("model").asText() + "\",\"choices\":[{\"text\":\" there\",\"index\":0,"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,"
                    + "\"total_tokens\":13}}");
        } else {
            MockProviders.respond(exchange, 404, "{\"error\":{\"message\":\"no such path " + path + "\"}}");
        }
    }

    private static void chat(HttpExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asText();
        boolean tools = body.path("tools").isArray() && !body.path("tools").isEmpty();
        if (!body.path("stream").asBoolean(false)) {
            String message = tools
                    ? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}"
                    : "{\"role\":\"assistant\",\"content\":\"" + ANSWER + "\"}";
            MockProviders.respond(exchange, 200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\""
                    + (tools ? "tool_calls" : "stop") + "\"}],\"usage\":" + USAGE + "}");
            return;
        }
        try (OutputStream out = MockProviders.startStream(exchange)) {
            MockProviders.event(out, null, chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null));
            if (tools) {
                MockProviders.event(out, null, chunk(model, "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":"
                        + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null));
                MockProviders.event(out, null, chunk(model, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                        + "\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}", "\"tool_calls\""));
            } else {
                MockProviders.event(out, null, chunk(model, "{\"content\":\"Hello from \"}", null));
                if (model.equals("slow-model")) {
                    pause(2500);
                }
                MockProviders.event(out, null, chunk(model, "{\"content\":\"OpenAI.\"}", "\"stop\""));
            }
            if (body.at("/stream_options/include_usage").asBoolean(false)) {
                MockProviders.event(out, null, "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                        + "\"model\":\"" + model + "\",\"choices\":[],\"usage\":" + USAGE + "}");
            }
            MockProviders.event(out, null, "[DONE]");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String chunk(String model, String delta, String finish) {
        return "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}";
    }
}
