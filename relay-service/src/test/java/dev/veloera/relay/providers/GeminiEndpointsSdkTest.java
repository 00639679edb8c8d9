package dev.veloera.relay.providers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.veloera.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.Test;

import static dev.veloera.relay.providers.ProviderTestSupport.KEY;
import static dev.veloera.relay.providers.ProviderTestSupport.mock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Embeddings and images on a Gemini channel with OpenAI's SDK as the client: converted to Google's
 * {@code :embedContent} / {@code :batchEmbedContents} and Imagen's {@code :predict}, answered in OpenAI's shape, billed
 * by the same rules as on OpenAI channels. text-embedding-004 at ModelRatio 3 (Google reports no usage: the prompt
 * tokens are counted, cl100k); imagen-3.0-generate-002 at 0.03 USD an image.
 */
class GeminiEndpointsSdkTest extends ProviderTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneInputIsEmbeddedAtEmbedContentAndBilledByItsCountedTokens() throws Exception {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<CreateEmbeddingResponse> raw = client.embeddings().withRawResponse().create(
                EmbeddingCreateParams.builder().model("text-embedding-004").input("hello world").dimensions(256)
                        .build());
        MockProviders.Call call = mock.lastCall();
        assertThat(call.path()).isEqualTo("/gemini/v1beta/models/text-embedding-004:embedContent");
        assertThat(call.credential()).isEqualTo("gemini-key");
        assertThat(call.body().at("/content/parts/0/text").asText()).isEqualTo("hello world");
        assertThat(call.body().path("outputDimensionality").asInt()).isEqualTo(256);

        CreateEmbeddingResponse answer = raw.parse();
        assertThat(answer.data()).hasSize(1);
        assertThat(answer.data().getFirst().embedding()).containsExactly(0.25f, -0.5f, 0.75f);
        assertThat(answer.model()).isEqualTo("text-embedding-004");
        // "hello world": 2 tokens × ratio 3
        assertThat(answer.usage().promptTokens()).isEqualTo(2);
        UsageRecorded record = usage.only(requestId(raw));
        assertThat(record.promptTokens()).isEqualTo(2);
        assertThat(record.quota()).isEqualTo(6);
        assertThat(record.other()).containsEntry("usage_source", "counted");

        HttpResponse<String> engines = post("/v1/engines/text-embedding-004/embeddings", "{\"input\":\"hello world\"}");
        assertThat(engines.statusCode()).isEqualTo(200);
        assertThat(mock.lastCall().path()).isEqualTo("/gemini/v1beta/models/text-embedding-004:embedContent");
        assertThat(JSON.readTree(engines.body()).at("/data/0/embedding/2").asDouble()).isEqualTo(0.75);
        assertThat(usage.only(engines.headers().firstValue("X-Veloera-Request-Id").orElseThrow()).quota())
                .isEqualTo(6);
    }

    @Test
    void everyInputOfAnArrayIsEmbeddedAtBatchEmbedContents() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<CreateEmbeddingResponse> raw = client.embeddings().withRawResponse().create(
                EmbeddingCreateParams.builder().model("text-embedding-004")
                        .inputOfArrayOfStrings(List.of("hello world", "good night")).build());
        MockProviders.Call call = mock.lastCall();
        assertThat(call.path()).isEqualTo("/gemini/v1beta/models/text-embedding-004:batchEmbedContents");
        JsonNode requests = call.body().path("requests");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).path("model").asText()).isEqualTo("models/text-embedding-004");
        assertThat(requests.get(1).at("/content/parts/0/text").asText()).isEqualTo("good night");

        CreateEmbeddingResponse answer = raw.parse();
        assertThat(answer.data()).extracting(e -> e.index()).containsExactly(0L, 1L);
        assertThat(answer.data().get(1).embedding()).containsExactly(2.0f, 0.5f);
        // "hello world\ngood night\n": 6 tokens × ratio 3
        assertThat(answer.usage().promptTokens()).isEqualTo(6);
        assertThat(usage.only(requestId(raw)).quota()).isEqualTo(18);
    }

    @Test
    void imagenDrawsAtPredictAndIsBilledPerImageBySize() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<ImagesResponse> raw = client.images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("imagen-3.0-generate-002").prompt("a cat").n(2).size(ImageGenerateParams.Size._1792X1024)
                .build());
        MockProviders.Call call = mock.lastCall();
        assertThat(call.path()).isEqualTo("/gemini/v1beta/models/imagen-3.0-generate-002:predict");
        assertThat(call.credential()).isEqualTo("gemini-key");
        assertThat(call.body().at("/instances/0/prompt").asText()).isEqualTo("a cat");
        JsonNode parameters = call.body().path("parameters");
        assertThat(parameters.path("sampleCount").asInt()).isEqualTo(2);
        assertThat(parameters.path("aspectRatio").asText()).isEqualTo("16:9");
        assertThat(parameters.path("personGeneration").asText()).isEqualTo("allow_adult");

        assertThat(raw.parse().data().orElseThrow()).extracting(image -> image.b64Json().orElseThrow())
                .containsExactly(MockGemini.IMAGE, MockGemini.IMAGE);
        // 0.03 USD × size 2 × 2 images × 500,000
        assertThat(usage.only(requestId(raw)).quota()).isEqualTo(60_000);
    }

    @Test
    void aChatModelNeitherEmbedsNorDrawsAndIsRefusedBeforeAnyCall() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        int calls = mock.calls.size();
        BadRequestException embeddings = catchThrowableOfType(BadRequestException.class, () -> client.embeddings()
                .create(EmbeddingCreateParams.builder().model("gemini-2.0-flash").input("hello world").build()));
        assertThat(embeddings.statusCode()).isEqualTo(400);
        assertThat(embeddings.type()).hasValue("invalid_request_error");
        assertThat(embeddings.getMessage()).contains("does not embed on Gemini channels");

        BadRequestException images = catchThrowableOfType(BadRequestException.class, () -> client.images().generate(
                ImageGenerateParams.builder().model("gemini-2.0-flash").prompt("a cat").build()));
        assertThat(images.getMessage()).contains("not supported model for image generation");
        assertThat(mock.calls).hasSize(calls);
        String requestId = images.headers().values("X-Veloera-Request-Id").getFirst();
        UsageRecorded record = usage.only(requestId);
        assertThat(record.status()).isEqualTo(UsageRecorded.FAILED);
        assertThat(record.quota()).isZero();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
