package dev.veloera.platform;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.translations.TranslationCreateParams;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import dev.veloera.platform.SdkPrices.Usage;
import dev.veloera.relay.providers.MockAnthropic;
import dev.veloera.relay.providers.MockGemini;
import dev.veloera.relay.providers.MockOpenAiUpstream;
import dev.veloera.relay.providers.MockProviders;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One request of every endpoint and channel type relay-service's SDK tests cover, sent with the official SDKs as
 * users' programs send them, each answered as its provider format answers (by {@link MockProviders}) and kept with
 * the quota its rule gives ({@link SdkPrices}). Chat is priced by the usage the upstream reported (the mocks'
 * {@code USAGE}), the other endpoints by the usage their answer carries, or by what the request asked for.
 */
final class SdkRequests {

    /** One request: what it was, the relay's {@code X-Veloera-Request-Id}, the quota its rule gives. */
    record Billed(String what, String requestId, long quota) {
    }

    static final String CLAUDE = "claude-sonnet-4-20250514";
    static final String GEMINI = "gemini-2.0-flash";
    /** On the Azure channel: its deployment is the model without dots, as Veloera names deployments. */
    static final String AZURE = "gpt-4.1";
    static final String OPENAI_MODELS = "gpt-4o-mini,gpt-3.5-turbo-instruct,o4-mini,text-embedding-3-small,"
            + "omni-moderation-latest,rerank-v1,dall-e-3,tts-1,whisper-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_ID = "X-Veloera-Request-Id";

    private final MockProviders upstream;
    private final OpenAIClient openAi;
    private final AnthropicClient anthropic;
    private final RelayRequests relay;
    private final String key;
    private final List<Billed> sent = new ArrayList<>();

    SdkRequests(MockProviders upstream, String relayUrl, String key) {
        this.upstream = upstream;
        this.key = key;
        this.relay = new RelayRequests(() -> relayUrl);
        this.openAi = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(relayUrl + "/v1").maxRetries(0).build();
        this.anthropic = AnthropicOkHttpClient.builder().apiKey(key).baseUrl(relayUrl).maxRetries(0).build();
    }

    List<Billed> sent() {
        return List.copyOf(sent);
    }

    /** OpenAI channel (type 0): chat plain, streamed and with tools, then every other endpoint. */
    void openAiChannel() throws Exception {
        long chat = SdkPrices.tokens("gpt-4o-mini", Usage.ofOpenAi(MockOpenAiUpstream.USAGE));
        var plain = openAi.chat().completions().withRawResponse().create(chat("gpt-4o-mini").build());
        assertThat(plain.parse().choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        billed("openai chat", plain, "/openai/v1/chat/completions", chat);

        var streamed = openAi.chat().completions().withRawResponse().createStreaming(chat("gpt-4o-mini").build());
        assertThat(accumulate(streamed).choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        billed("openai chat streamed", streamed, "/openai/v1/chat/completions", chat);

        var tools = openAi.chat().completions().withRawResponse().create(withTool(chat("gpt-4o-mini")).build());
        assertThat(tools.parse().choices().getFirst().message().toolCalls().orElseThrow()).hasSize(1);
        billed("openai chat with tools", tools, "/openai/v1/chat/completions", chat);

        var completion = openAi.completions().withRawResponse().create(CompletionCreateParams.builder()
                .model("gpt-3.5-turbo-instruct").prompt("Say hi").maxTokens(10).build());
        var completionUsage = completion.parse().usage().orElseThrow();
        billed("completions", completion, "/openai/v1/completions", SdkPrices.tokens("gpt-3.5-turbo-instruct",
                new Usage(completionUsage.promptTokens(), 0, 0, completionUsage.completionTokens())));

        var response = openAi.responses().withRawResponse().create(ResponseCreateParams.builder().model("o4-mini")
                .input("Say hi").build());
        var responseUsage = response.parse().usage().orElseThrow();
        billed("responses", response, "/openai/v1/responses", SdkPrices.tokens("o4-mini", new Usage(
                responseUsage.inputTokens(), responseUsage.inputTokensDetails().cachedTokens(), 0,
                responseUsage.outputTokens())));

        var embedding = openAi.embeddings().withRawResponse().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hello world").build());
        billed("embeddings", embedding, "/openai/v1/embeddings", SdkPrices.tokens("text-embedding-3-small",
                new Usage(embedding.parse().usage().promptTokens(), 0, 0, 0)));

        var moderation = openAi.moderations().withRawResponse().create(ModerationCreateParams.builder()
                .model("omni-moderation-latest").input("hello").build());
        assertThat(moderation.parse().results().getFirst().flagged()).isFalse();
        // the answer carries no usage: the relay counts the input, and "hello" is one token in OpenAI's encodings
        billed("moderations", moderation, "/openai/v1/moderations",
                SdkPrices.tokens("omni-moderation-latest", new Usage(1, 0, 0, 0)));

        rerank();
        images();
        audio();
    }

    /** Claude channel (type 1): /v1/messages plain and streamed with Anthropic's SDK, chat converted with OpenAI's. */
    void claudeChannel() {
        long quota = SdkPrices.tokens(CLAUDE, Usage.ofClaude(MockAnthropic.USAGE));
        var plain = anthropic.messages().withRawResponse().create(messages(CLAUDE));
        assertThat(plain.parse().content().getFirst().text().orElseThrow().text()).isEqualTo(MockAnthropic.ANSWER);
        billed("claude messages", plain.headers().values(REQUEST_ID), "/anthropic/v1/messages", quota);

        var streamed = anthropic.messages().withRawResponse().createStreaming(messages(CLAUDE));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (var stream = streamed.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertThat(accumulator.message().content().getFirst().text().orElseThrow().text())
                .isEqualTo(MockAnthropic.ANSWER);
        billed("claude messages streamed", streamed.headers().values(REQUEST_ID), "/anthropic/v1/messages",
                quota);

        var converted = openAi.chat().completions().withRawResponse().create(chat(CLAUDE).build());
        assertThat(converted.parse().choices().getFirst().message().content()).hasValue(MockAnthropic.ANSWER);
        billed("claude chat converted", converted, "/anthropic/v1/messages", quota);
    }

    /** Gemini channel (type 24): chat converted to generateContent, and streamed to streamGenerateContent. */
    void geminiChannel() {
        long quota = SdkPrices.tokens(GEMINI, Usage.ofGemini(MockGemini.USAGE));
        var plain = openAi.chat().completions().withRawResponse().create(chat(GEMINI).build());
        assertThat(plain.parse().choices().getFirst().message().content()).hasValue("Hello from Gemini.");
        billed("gemini chat", plain, "/gemini/v1beta/models/" + GEMINI + ":generateContent", quota);

        var streamed = openAi.chat().completions().withRawResponse().createStreaming(chat(GEMINI)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());
        assertThat(accumulate(streamed).choices().getFirst().message().content()).hasValue("Hello from Gemini.");
        billed("gemini chat streamed", streamed, "/gemini/v1beta/models/" + GEMINI + ":streamGenerateContent", quota);
    }

    /** Azure channel (type 3): chat at the deployment's URL. */
    void azureChannel() {
        var plain = openAi.chat().completions().withRawResponse().create(chat(AZURE).build());
        assertThat(plain.parse().choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        billed("azure chat", plain, "/azure/openai/deployments/gpt-41/chat/completions",
                SdkPrices.tokens(AZURE, Usage.ofOpenAi(MockOpenAiUpstream.USAGE)));
    }

    /** Anthropic's SDK on the OpenAI channel: /v1/messages converted to chat completions. */
    void messagesOnOpenAiChannel() {
        var plain = anthropic.messages().withRawResponse().create(messages("gpt-4o-mini"));
        assertThat(plain.parse().content().getFirst().text().orElseThrow().text())
                .isEqualTo(MockOpenAiUpstream.ANSWER);
        billed("messages on the openai channel", plain.headers().values(REQUEST_ID),
                "/openai/v1/chat/completions", SdkPrices.tokens("gpt-4o-mini", Usage.ofOpenAi(MockOpenAiUpstream.USAGE)));
    }

    /** OpenAI's SDK has no rerank: the request as Jina/Cohere clients send it. */
    private void rerank() throws Exception {
        HttpResponse<String> rerank = relay.send("POST", "/v1/rerank", key, Map.of("model", "rerank-v1",
                "query", "cats", "documents", List.of("dogs", "cats")));
        assertThat(rerank.statusCode()).as(rerank.body()).isEqualTo(200);
        JsonNode usage = JSON.readTree(rerank.body()).path("usage");
        billed("rerank", rerank.headers().allValues(REQUEST_ID), "/openai/v1/rerank",
                SdkPrices.tokens("rerank-v1", new Usage(usage.path("prompt_tokens").asLong(), 0, 0, 0)));
    }

    private void images() {
        var standard = openAi.images().withRawResponse().generate(ImageGenerateParams.builder().model("dall-e-3")
                .prompt("a cat").n(2).build());
        assertThat(standard.parse().data().orElseThrow()).hasSize(2);
        billed("images standard, 2 at 1024x1024", standard, "/openai/v1/images/generations",
                SdkPrices.images("dall-e-3", 2, 1, 1));

        var hd = openAi.images().withRawResponse().generate(ImageGenerateParams.builder().model("dall-e-3")
                .prompt("a cat").size(ImageGenerateParams.Size._1792X1024).quality(ImageGenerateParams.Quality.HD)
                .build());
        assertThat(hd.parse().data().orElseThrow()).hasSize(1);
        billed("images hd, 1 at 1792x1024", hd, "/openai/v1/images/generations",
                SdkPrices.images("dall-e-3", 1, SdkPrices.SIZE_1792_RATIO, SdkPrices.HD_AT_1792_RATIO));
    }

    private void audio() throws Exception {
        String input = "Hello world";
        try (var speech = openAi.audio().speech().create(SpeechCreateParams.builder().model("tts-1").voice("alloy")
                .input(input).build())) {
            assertThat(speech.body().readAllBytes()).isNotEmpty();
            billed("speech", speech.headers().values(REQUEST_ID), "/openai/v1/audio/speech",
                    SdkPrices.speech("tts-1", input));
        }
        byte[] audio = "RIFF-not-really-a-wav".getBytes(StandardCharsets.UTF_8);
        var transcription = openAi.audio().transcriptions().withRawResponse().create(TranscriptionCreateParams
                .builder().model("whisper-1").file(audio).build());
        assertThat(transcription.parse().asTranscription().text()).isNotBlank();
        billed("transcription", transcription, "/openai/v1/audio/transcriptions", SdkPrices.perCall("whisper-1"));

        var translation = openAi.audio().translations().withRawResponse().create(TranslationCreateParams.builder()
                .model("whisper-1").file(audio).build());
        assertThat(translation.parse().asTranslation().text()).isNotBlank();
        billed("translation", translation, "/openai/v1/audio/translations", SdkPrices.perCall("whisper-1"));
    }

    private void billed(String what, HttpResponseFor<?> raw, String upstreamPath, long quota) {
        billed(what, raw.headers().values(REQUEST_ID), upstreamPath, quota);
    }

    /** Keeps the request once it is known to have reached the upstream its channel type names. */
    private void billed(String what, List<String> requestIds, String upstreamPath, long quota) {
        assertThat(requestIds).as("%s: one request id", what).hasSize(1);
        assertThat(upstream.lastPath()).as("%s: served by its channel's upstream", what).isEqualTo(upstreamPath);
        sent.add(new Billed(what, requestIds.getFirst(), quota));
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hi").maxTokens(100);
    }

    private static ChatCompletionCreateParams.Builder withTool(ChatCompletionCreateParams.Builder builder) {
        return builder.addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather").parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build()).build());
    }

    private static MessageCreateParams messages(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(100).addUserMessage("Say hi").build();
    }

    private static ChatCompletion accumulate(HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }
}
