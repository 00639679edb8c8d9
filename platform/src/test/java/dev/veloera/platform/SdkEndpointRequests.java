package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.translations.TranslationCreateParams;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import dev.veloera.platform.SdkPrices.Usage;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenAI's endpoints beyond chat on the OpenAI channel (type 0), as relay-service's EndpointsSdkTest sends them, each
 * kept by {@link SdkRequests} with the quota its rule gives: tokens by the usage the answer carries (completions,
 * responses, embeddings, rerank) or the input the relay counts (moderations, speech), per image by size and quality,
 * per call (transcriptions and translations). Embeddings and images on the Gemini channel as GeminiEndpointsSdkTest
 * sends them.
 */
final class SdkEndpointRequests {

    static final String GEMINI_EMBEDDING = "text-embedding-004";
    static final String IMAGEN = "imagen-3.0-generate-002";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkRequests sdk;
    private final OpenAIClient openAi;

    SdkEndpointRequests(SdkRequests sdk) {
        this.sdk = sdk;
        this.openAi = sdk.openAi();
    }

    void send() throws Exception {
        var completion = openAi.completions().withRawResponse().create(CompletionCreateParams.builder()
                .model("gpt-3.5-turbo-instruct").prompt("Say hi").maxTokens(10).build());
        var completionUsage = completion.parse().usage().orElseThrow();
        sdk.billed("completions", completion, "/openai/v1/completions", SdkPrices.tokens("gpt-3.5-turbo-instruct",
                new Usage(completionUsage.promptTokens(), 0, 0, completionUsage.completionTokens())));

        var response = openAi.responses().withRawResponse().create(ResponseCreateParams.builder().model("o4-mini")
                .input("Say hi").build());
        var responseUsage = response.parse().usage().orElseThrow();
        sdk.billed("responses", response, "/openai/v1/responses", SdkPrices.tokens("o4-mini", new Usage(
                responseUsage.inputTokens(), responseUsage.inputTokensDetails().cachedTokens(), 0,
                responseUsage.outputTokens())));

        var embedding = openAi.embeddings().withRawResponse().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hello world").build());
        sdk.billed("embeddings", embedding, "/openai/v1/embeddings", SdkPrices.tokens("text-embedding-3-small",
                new Usage(embedding.parse().usage().promptTokens(), 0, 0, 0)));

        // the engines alias names the model in its path
        HttpResponse<String> engines = sdk.relay().send("POST", "/v1/engines/text-embedding-3-small/embeddings",
                sdk.key(), Map.of("input", "hello world"));
        assertThat(engines.statusCode()).as(engines.body()).isEqualTo(200);
        sdk.billed("embeddings (engines alias)", engines.headers().allValues(SdkRequests.REQUEST_ID),
                "/openai/v1/embeddings", SdkPrices.tokens("text-embedding-3-small", new Usage(
                        JSON.readTree(engines.body()).at("/usage/prompt_tokens").asLong(), 0, 0, 0)));

        var moderation = openAi.moderations().withRawResponse().create(ModerationCreateParams.builder()
                .model("omni-moderation-latest").input("hello").build());
        assertThat(moderation.parse().results().getFirst().flagged()).isFalse();
        // the answer carries no usage: the relay counts the input, and "hello" is one token in OpenAI's encodings
        sdk.billed("moderations", moderation, "/openai/v1/moderations",
                SdkPrices.tokens("omni-moderation-latest", new Usage(1, 0, 0, 0)));

        rerank();
        images();
        audio();
    }

    /**
     * Gemini channel: one input to embedContent, two to batchEmbedContents, two Imagen images at 1792x1024 to predict.
     * Google reports no usage for embeddings: the relay counts the input (cl100k), reports it in the answer and bills
     * it; "hello world" is 2 tokens, the two inputs one per line 6.
     */
    void gemini() {
        String models = "/gemini/v1beta/models/";
        var one = openAi.embeddings().withRawResponse().create(EmbeddingCreateParams.builder().model(GEMINI_EMBEDDING)
                .input("hello world").build());
        assertThat(one.parse().usage().promptTokens()).isEqualTo(2);
        sdk.billed("gemini embeddings", one, models + GEMINI_EMBEDDING + ":embedContent",
                SdkPrices.tokens(GEMINI_EMBEDDING, new Usage(2, 0, 0, 0)));

        var two = openAi.embeddings().withRawResponse().create(EmbeddingCreateParams.builder().model(GEMINI_EMBEDDING)
                .inputOfArrayOfStrings(List.of("hello world", "good night")).build());
        assertThat(two.parse().data()).hasSize(2);
        assertThat(two.parse().usage().promptTokens()).isEqualTo(6);
        sdk.billed("gemini embeddings of 2 inputs", two, models + GEMINI_EMBEDDING + ":batchEmbedContents",
                SdkPrices.tokens(GEMINI_EMBEDDING, new Usage(6, 0, 0, 0)));

        var images = openAi.images().withRawResponse().generate(ImageGenerateParams.builder().model(IMAGEN)
                .prompt("a cat").n(2).size(ImageGenerateParams.Size._1792X1024).build());
        assertThat(images.parse().data().orElseThrow()).hasSize(2);
        sdk.billed("imagen, 2 at 1792x1024", images, models + IMAGEN + ":predict",
                SdkPrices.images(IMAGEN, 2, SdkPrices.SIZE_1792_RATIO, 1));
    }

    /** OpenAI's SDK has no rerank: the request as Jina/Cohere clients send it. */
    private void rerank() throws Exception {
        HttpResponse<String> rerank = sdk.relay().send("POST", "/v1/rerank", sdk.key(), Map.of("model", "rerank-v1",
                "query", "cats", "documents", List.of("dogs", "cats")));
        assertThat(rerank.statusCode()).as(rerank.body()).isEqualTo(200);
        JsonNode usage = JSON.readTree(rerank.body()).path("usage");
        sdk.billed("rerank", rerank.headers().allValues(SdkRequests.REQUEST_ID), "/openai/v1/rerank",
                SdkPrices.tokens("rerank-v1", new Usage(usage.path("prompt_tokens").asLong(), 0, 0, 0)));
    }

    private void images() {
        var standard = openAi.images().withRawResponse().generate(ImageGenerateParams.builder().model("dall-e-3")
                .prompt("a cat").n(2).build());
        assertThat(standard.parse().data().orElseThrow()).hasSize(2);
        sdk.billed("images standard, 2 at 1024x1024", standard, "/openai/v1/images/generations",
                SdkPrices.images("dall-e-3", 2, 1, 1));

        var hd = openAi.images().withRawResponse().generate(ImageGenerateParams.builder().model("dall-e-3")
                .prompt("a cat").size(ImageGenerateParams.Size._1792X1024).quality(ImageGenerateParams.Quality.HD)
                .build());
        assertThat(hd.parse().data().orElseThrow()).hasSize(1);
        sdk.billed("images hd, 1 at 1792x1024", hd, "/openai/v1/images/generations",
                SdkPrices.images("dall-e-3", 1, SdkPrices.SIZE_1792_RATIO, SdkPrices.HD_AT_1792_RATIO));
    }

    private void audio() throws Exception {
        String input = "Hello world";
        try (var speech = openAi.audio().speech().create(SpeechCreateParams.builder().model("tts-1").voice("alloy")
                .input(input).build())) {
            assertThat(speech.body().readAllBytes()).isNotEmpty();
            sdk.billed("speech", speech.headers().values(SdkRequests.REQUEST_ID), "/openai/v1/audio/speech",
                    SdkPrices.speech("tts-1", input));
        }
        byte[] audio = "RIFF-not-really-a-wav".getBytes(StandardCharsets.UTF_8);
        var transcription = openAi.audio().transcriptions().withRawResponse().create(TranscriptionCreateParams
                .builder().model("whisper-1").file(audio).build());
        assertThat(transcription.parse().asTranscription().text()).isNotBlank();
        sdk.billed("transcription", transcription, "/openai/v1/audio/transcriptions", SdkPrices.perCall("whisper-1"));

        var translation = openAi.audio().translations().withRawResponse().create(TranslationCreateParams.builder()
                .model("whisper-1").file(audio).build());
        assertThat(translation.parse().asTranslation().text()).isNotBlank();
        sdk.billed("translation", translation, "/openai/v1/audio/translations", SdkPrices.perCall("whisper-1"));
    }
}
