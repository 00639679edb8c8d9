package dev.veloera.relay.providers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.NotFoundException;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.audio.translations.TranslationCreateParams;
import com.openai.models.audio.translations.TranslationCreateResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.moderations.ModerationCreateResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import org.junit.jupiter.api.Test;

import static dev.veloera.relay.providers.ProviderTestSupport.KEY;
import static dev.veloera.relay.providers.ProviderTestSupport.mock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OpenAI's endpoints beyond chat with OpenAI's SDK as the client, each request billed by its rule: embeddings and
 * rerank by prompt tokens, completions and responses by tokens, images per image by size and quality, speech by input
 * characters, transcriptions and translations per call (multipart passed on unchanged), moderations by prompt tokens.
 */
class EndpointsSdkTest extends ProviderTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void embeddingsAreBilledByTheirPromptTokens() throws Exception {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<CreateEmbeddingResponse> raw = client.embeddings().withRawResponse().create(
                EmbeddingCreateParams.builder().model("text-embedding-3-small").input("hello world").build());
        assertThat(raw.parse().data().getFirst().embedding()).hasSize(3);
        assertThat(mock.lastCall().path()).isEqualTo("/openai/v1/embeddings");
        // 5 prompt tokens × ratio 2
        assertThat(usage.only(requestId(raw)).quota()).isEqualTo(10);

        HttpResponse<String> engines = post("/v1/engines/text-embedding-3-small/embeddings",
                "{\"input\":\"hello world\"}", "application/json");
        assertThat(engines.statusCode()).isEqualTo(200);
        assertThat(mock.lastCall().body().path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(usage.only(engines.headers().firstValue("X-Veloera-Request-Id").orElseThrow()).quota())
                .isEqualTo(10);
    }

    @Test
    void imagesAreBilledPerImageBySizeAndQuality() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<ImagesResponse> standard = client.images().withRawResponse().generate(ImageGenerateParams
                .builder().model("dall-e-3").prompt("a cat").n(2).build());
        assertThat(standard.parse().data().orElseThrow()).hasSize(2);
        // 0.04 USD × 2 images × 500,000
        assertThat(usage.only(requestId(standard)).quota()).isEqualTo(40_000);

        HttpResponseFor<ImagesResponse> hd = client.images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("dall-e-3").prompt("a cat").size(ImageGenerateParams.Size._1792X1024)
                .quality(ImageGenerateParams.Quality.HD).build());
        // 0.04 × size 2 × hd 1.5
        assertThat(usage.only(requestId(hd)).quota()).isEqualTo(60_000);
    }

    @Test
    void speechIsBilledByItsInputCharacters() throws Exception {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        try (com.openai.core.http.HttpResponse speech = client.audio().speech().create(SpeechCreateParams.builder()
                .model("tts-1").voice("alloy").input("Hello world").build())) {
            assertThat(speech.headers().values("Content-Type").getFirst()).startsWith("audio/mpeg");
            assertThat(new String(speech.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ID3-fake-mp3");
            // 11 characters × ratio 7.5 = 82.5
            assertThat(usage.only(speech.headers().values("X-Veloera-Request-Id").getFirst()).quota()).isEqualTo(83);
        }
    }

    @Test
    void transcriptionsAndTranslationsPassTheirUploadOnAndAreBilledPerCall() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        byte[] audio = "RIFF-not-really-a-wav".getBytes(StandardCharsets.UTF_8);
        HttpResponseFor<TranscriptionCreateResponse> transcription = client.audio().transcriptions().withRawResponse()
                .create(TranscriptionCreateParams.builder().model("whisper-1").file(audio).build());
        assertThat(transcription.parse().asTranscription().text()).isEqualTo("hello from the audio");
        MockProviders.Call call = mock.lastCall();
        assertThat(call.path()).isEqualTo("/openai/v1/audio/transcriptions");
        assertThat(call.headers().get("content-type")).startsWith("multipart/form-data");
        assertThat(new String(call.raw(), StandardCharsets.ISO_8859_1)).contains("RIFF-not-really-a-wav")
                .contains("whisper-1");
        // 0.006 USD a call
        assertThat(usage.only(requestId(transcription)).quota()).isEqualTo(3_000);

        HttpResponseFor<TranslationCreateResponse> translation = client.audio().translations().withRawResponse()
                .create(TranslationCreateParams.builder().model("whisper-1").file(audio).build());
        assertThat(translation.parse().asTranslation().text()).isEqualTo("hello from the audio");
        assertThat(mock.lastCall().path()).isEqualTo("/openai/v1/audio/translations");
        assertThat(usage.only(requestId(translation)).quota()).isEqualTo(3_000);
    }

    @Test
    void completionsResponsesModerationsAndRerankAreBilledByTheirTokens() throws Exception {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<Completion> completion = client.completions().withRawResponse().create(CompletionCreateParams
                .builder().model("gpt-3.5-turbo-instruct").prompt("Say hi").maxTokens(10).build());
        assertThat(completion.parse().choices().getFirst().text()).isEqualTo(" there");
        // (9 + 4) × 0.75 = 9.75
        assertThat(usage.only(requestId(completion)).quota()).isEqualTo(10);

        HttpResponseFor<Response> response = client.responses().withRawResponse().create(ResponseCreateParams.builder()
                .model("o4-mini").input("Say hi").build());
        assertThat(response.parse().id()).isEqualTo("resp_1");
        assertThat(mock.lastCall().path()).isEqualTo("/openai/v1/responses");
        // (12 + 6 × 4) × 0.55 = 19.8
        assertThat(usage.only(requestId(response)).quota()).isEqualTo(20);

        HttpResponseFor<ModerationCreateResponse> moderation = client.moderations().withRawResponse().create(
                ModerationCreateParams.builder().model("omni-moderation-latest").input("hello").build());
        assertThat(moderation.parse().results().getFirst().flagged()).isFalse();
        // 1 token × 0.1, at least 1
        assertThat(usage.only(requestId(moderation)).quota()).isEqualTo(1);

        HttpResponse<String> rerank = post("/v1/rerank", "{\"model\":\"rerank-v1\",\"query\":\"cats\","
                + "\"documents\":[\"dogs\",\"cats\"]}", "application/json");
        assertThat(rerank.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(rerank.body()).at("/results/0/index").asInt()).isEqualTo(1);
        assertThat(usage.only(rerank.headers().firstValue("X-Veloera-Request-Id").orElseThrow()).quota())
                .isEqualTo(10);
    }

    /**
     * Azure serves OpenAI's other endpoints at its deployment URLs with the same rules: the admin's
     * {@code sk-KEY-4} pins the Azure channel for models another channel also serves.
     */
    @Test
    void anAzureChannelServesEmbeddingsImagesAndAudioAtItsDeploymentUrls() {
        OpenAIClient azure = ProviderTestSupport.openAi(port, ProviderTestSupport.KEY_ADMIN + "-4");
        HttpResponseFor<CreateEmbeddingResponse> embeddings = azure.embeddings().withRawResponse().create(
                EmbeddingCreateParams.builder().model("text-embedding-3-small").input("hello world").build());
        assertThat(embeddings.parse().data().getFirst().embedding()).hasSize(3);
        MockProviders.Call call = mock.lastCall();
        assertThat(call.path()).isEqualTo("/azure/openai/deployments/text-embedding-3-small/embeddings");
        assertThat(call.query()).isEqualTo("api-version=2025-01-01-preview");
        assertThat(call.credential()).isEqualTo("azure-key");
        assertThat(usage.only(requestId(embeddings)).quota()).isEqualTo(10);

        HttpResponseFor<ImagesResponse> images = azure.images().withRawResponse().generate(ImageGenerateParams
                .builder().model("dall-e-3").prompt("a cat").n(2).build());
        assertThat(images.parse().data().orElseThrow()).hasSize(2);
        assertThat(mock.lastCall().path()).isEqualTo("/azure/openai/deployments/dall-e-3/images/generations");
        assertThat(usage.only(requestId(images)).quota()).isEqualTo(40_000);

        HttpResponseFor<TranscriptionCreateResponse> transcription = azure.audio().transcriptions().withRawResponse()
                .create(TranscriptionCreateParams.builder().model("whisper-1")
                        .file("RIFF-not-really-a-wav".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(transcription.parse().asTranscription().text()).isEqualTo("hello from the audio");
        assertThat(mock.lastCall().path()).isEqualTo("/azure/openai/deployments/whisper-1/audio/transcriptions");
        assertThat(mock.lastCall().headers().get("content-type")).startsWith("multipart/form-data");
        assertThat(usage.only(requestId(transcription)).quota()).isEqualTo(3_000);
    }

    @Test
    void oneModelIsDescribedAndAnUnknownOneIsNotFound() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        assertThat(client.models().retrieve("claude-sonnet-4-20250514").ownedBy()).isEqualTo("anthropic");
        assertThatThrownBy(() -> client.models().retrieve("no-such-model")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void openAiRoutesVeloeraDoesNotServeAnswer501InOpenAiFormat() throws Exception {
        for (String path : new String[] {"/v1/files", "/v1/images/edits", "/v1/fine-tunes", "/v1/assistants"}) {
            HttpResponse<String> response = post(path, "{}", "application/json");
            assertThat(response.statusCode()).as(path).isEqualTo(501);
            JsonNode error = JSON.readTree(response.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("api_not_implemented");
            assertThat(error.path("message").asText()).isEqualTo("API not implemented");
        }
    }

    /** The token's balance from query-service, in USD: 1,250,000 quota in all, 250,000 used. */
    @Test
    void theDashboardBillingEndpointsShowTheTokensBalanceInOpenAiShape() throws Exception {
        for (String prefix : new String[] {"", "/v1"}) {
            HttpResponse<String> subscription = get(prefix + "/dashboard/billing/subscription");
            assertThat(subscription.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(subscription.body());
            assertThat(body.path("object").asText()).isEqualTo("billing_subscription");
            assertThat(body.path("hard_limit_usd").asDouble()).isEqualTo(2.5);
            assertThat(body.path("access_until").asLong()).isZero();

            HttpResponse<String> usage = get(prefix + "/dashboard/billing/usage");
            assertThat(JSON.readTree(usage.body()).path("total_usage").asDouble()).isEqualTo(50.0);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
