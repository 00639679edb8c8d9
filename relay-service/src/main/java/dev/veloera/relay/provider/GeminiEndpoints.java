package dev.veloera.relay.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.channel.Channel;

/**
 * Gemini's OpenAI endpoints beyond chat, as Veloera serves them ({@code relay/channel/gemini}): embeddings for the
 * {@code text-embedding*}, {@code embedding*} and {@code gemini-embedding*} models at {@code :embedContent}, and
 * images for the {@code imagen*} models at {@code :predict}. Several embedding inputs go to
 * {@code :batchEmbedContents}, one embedding each, where Veloera embeds only the first.
 */
final class GeminiEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeminiEndpoints() {
    }

    static Provider.ConvertedEndpoint convert(Channel channel, String key, String path, ObjectNode openAi) {
        return switch (path) {
            case "/v1/embeddings" -> embeddings(channel, key, openAi);
            case "/v1/images/generations" -> images(channel, key, openAi);
            default -> null;
        };
    }

    private static Provider.ConvertedEndpoint embeddings(Channel channel, String key, ObjectNode openAi) {
        String model = openAi.path("model").asText();
        if (!model.startsWith("text-embedding") && !model.startsWith("embedding")
                && !model.startsWith("gemini-embedding")) {
            // Veloera sends it to :generateContent, which Google refuses with 400 INVALID_ARGUMENT; refused here
            throw new UnsupportedRequestException("Model " + model + " does not embed on Gemini channels: their"
                    + " embedding models are text-embedding*, embedding* and gemini-embedding*.");
        }
        List<String> inputs = inputs(openAi.get("input"));
        if (inputs.isEmpty()) {
            throw new UnsupportedRequestException("input is empty");
        }
        // Google's embedding-001 alone has no outputDimensionality
        int dimensions = model.equals("embedding-001") ? 0 : openAi.path("dimensions").asInt(0);
        boolean batch = inputs.size() > 1;
        ObjectNode body;
        if (batch) {
            body = JSON.createObjectNode();
            ArrayNode requests = body.putArray("requests");
            inputs.forEach(input -> requests.add(embedRequest(input, dimensions).put("model", "models/" + model)));
        } else {
            body = embedRequest(inputs.getFirst(), dimensions);
        }
        Provider.Target target = new Provider.Target(GeminiProvider.uri(channel, model,
                batch ? "batchEmbedContents" : "embedContent"), Map.of("x-goog-api-key", key), body);
        return new Provider.ConvertedEndpoint(target, answer -> embeddingsAnswer(answer, model));
    }

    /** OpenAI's input as Veloera reads it: a string, or the strings of an array (token arrays are skipped). */
    private static List<String> inputs(JsonNode input) {
        List<String> inputs = new ArrayList<>();
        if (input != null && input.isTextual()) {
            inputs.add(input.asText());
        } else if (input != null && input.isArray()) {
            input.forEach(item -> {
                if (item.isTextual()) {
                    inputs.add(item.asText());
                }
            });
        }
        return inputs;
    }

    private static ObjectNode embedRequest(String text, int dimensions) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("content").putArray("parts").addObject().put("text", text);
        if (dimensions > 0) {
            request.put("outputDimensionality", dimensions);
        }
        return request;
    }

    /** Google's {@code embedding} (or batch {@code embeddings}) as OpenAI's list, without usage: Google reports none. */
    private static ObjectNode embeddingsAnswer(JsonNode answer, String model) {
        JsonNode embeddings = answer.has("embeddings") ? answer.get("embeddings")
                : JSON.createArrayNode().add(answer.path("embedding"));
        ObjectNode openAi = JSON.createObjectNode().put("object", "list");
        ArrayNode data = openAi.putArray("data");
        for (JsonNode embedding : embeddings) {
            JsonNode values = embedding.get("values");
            if (values == null || !values.isArray()) {
                return null;
            }
            int index = data.size();
            data.addObject().put("object", "embedding").put("index", index).set("embedding", values);
        }
        openAi.put("model", model);
        return openAi;
    }

    private static Provider.ConvertedEndpoint images(Channel channel, String key, ObjectNode openAi) {
        String model = openAi.path("model").asText();
        if (!model.startsWith("imagen")) {
            throw new UnsupportedRequestException("not supported model for image generation");
        }
        ObjectNode body = JSON.createObjectNode();
        body.putArray("instances").addObject().put("prompt", openAi.path("prompt").asText(""));
        int n = openAi.path("n").asInt(0);
        body.putObject("parameters").put("sampleCount", n > 0 ? n : 1)
                .put("aspectRatio", switch (openAi.path("size").asText("")) {
                    case "1024x1792" -> "9:16";
                    case "1792x1024" -> "16:9";
                    default -> "1:1";
                })
                // Veloera's choice: adults may be drawn, children not
                .put("personGeneration", "allow_adult");
        Provider.Target target = new Provider.Target(GeminiProvider.uri(channel, model, "predict"),
                Map.of("x-goog-api-key", key), body);
        return new Provider.ConvertedEndpoint(target, GeminiEndpoints::imagesAnswer);
    }

    /** Imagen's predictions as OpenAI's {@code b64_json} images, those its safety filter withheld left out. */
    private static ObjectNode imagesAnswer(JsonNode answer) {
        JsonNode predictions = answer.path("predictions");
        if (!predictions.isArray() || predictions.isEmpty()) {
            return null;
        }
        ObjectNode openAi = JSON.createObjectNode().put("created", System.currentTimeMillis() / 1000);
        ArrayNode data = openAi.putArray("data");
        for (JsonNode prediction : predictions) {
            if (prediction.path("raiFilteredReason").asText("").isEmpty()) {
                data.addObject().put("b64_json", prediction.path("bytesBase64Encoded").asText(""));
            }
        }
        return openAi;
    }
}
