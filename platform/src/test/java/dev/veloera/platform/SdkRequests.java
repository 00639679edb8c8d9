package dev.veloera.platform;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.veloera.platform.SdkPrices.Usage;
import dev.veloera.relay.providers.MockAnthropic;
import dev.veloera.relay.providers.MockGemini;
import dev.veloera.relay.providers.MockOpenAiUpstream;
import dev.veloera.relay.providers.MockProviders;

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
    /** A thinking model: its base model upstream with thinking enabled, billed at its own ratios (no CacheRatio). */
    static final String CLAUDE_THINKING = "claude-3-7-sonnet-20250219-thinking";
    static final String GEMINI = "gemini-2.0-flash";
    static final String GEMINI_MODELS = GEMINI + "," + SdkEndpointRequests.GEMINI_EMBEDDING + ","
            + SdkEndpointRequests.IMAGEN;
    /** On the Azure channel: its deployment is the model without dots, as Veloera names deployments. */
    static final String AZURE = "gpt-4.1";
    static final String OPENAI_MODELS = "gpt-4o-mini,gpt-3.5-turbo-instruct,o4-mini,text-embedding-3-small,"
            + "omni-moderation-latest,rerank-v1,dall-e-3,tts-1,whisper-1";

    static final String REQUEST_ID = "X-Veloera-Request-Id";

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

    OpenAIClient openAi() {
        return openAi;
    }

    RelayRequests relay() {
        return relay;
    }

    String key() {
        return key;
    }

    /** OpenAI channel (type 0): chat plain, streamed and with tools, then every other endpoint ({@link SdkEndpointRequests}). */
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

        new SdkEndpointRequests(this).send();
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

        var thinking = openAi.chat().completions().withRawResponse().create(chat(CLAUDE_THINKING).build());
        assertThat(thinking.parse().choices().getFirst().message().content()).hasValue(MockAnthropic.ANSWER);
        billed("claude thinking chat converted", thinking, "/anthropic/v1/messages",
                SdkPrices.tokens(CLAUDE_THINKING, Usage.ofClaude(MockAnthropic.USAGE)));
    }

    /**
     * Gemini channel (type 24): chat converted to generateContent, and streamed to streamGenerateContent; then
     * embeddings and images ({@link SdkEndpointRequests#gemini}).
     */
    void geminiChannel() {
        long quota = SdkPrices.tokens(GEMINI, Usage.ofGemini(MockGemini.USAGE));
        var plain = openAi.chat().completions().withRawResponse().create(chat(GEMINI).build());
        assertThat(plain.parse().choices().getFirst().message().content()).hasValue("Hello from Gemini.");
        billed("gemini chat", plain, "/gemini/v1beta/models/" + GEMINI + ":generateContent", quota);

        var streamed = openAi.chat().completions().withRawResponse().createStreaming(chat(GEMINI)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());
        assertThat(accumulate(streamed).choices().getFirst().message().content()).hasValue("Hello from Gemini.");
        billed("gemini chat streamed", streamed, "/gemini/v1beta/models/" + GEMINI + ":streamGenerateContent", quota);
        new SdkEndpointRequests(this).gemini();
    }

    /** Azure channel (type 3): chat at the deployment's URL, plain and streamed. */
    void azureChannel() {
        long quota = SdkPrices.tokens(AZURE, Usage.ofOpenAi(MockOpenAiUpstream.USAGE));
        String deployment = "/azure/openai/deployments/gpt-41/chat/completions";
        var plain = openAi.chat().completions().withRawResponse().create(chat(AZURE).build());
        assertThat(plain.parse().choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        billed("azure chat", plain, deployment, quota);

        var streamed = openAi.chat().completions().withRawResponse().createStreaming(chat(AZURE).build());
        assertThat(accumulate(streamed).choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        billed("azure chat streamed", streamed, deployment, quota);
    }

    /** Anthropic's SDK on the OpenAI channel: /v1/messages converted to chat completions. */
    void messagesOnOpenAiChannel() {
        var plain = anthropic.messages().withRawResponse().create(messages("gpt-4o-mini"));
        assertThat(plain.parse().content().getFirst().text().orElseThrow().text())
                .isEqualTo(MockOpenAiUpstream.ANSWER);
        billed("messages on the openai channel", plain.headers().values(REQUEST_ID),
                "/openai/v1/chat/completions", SdkPrices.tokens("gpt-4o-mini", Usage.ofOpenAi(MockOpenAiUpstream.USAGE)));
    }

    void billed(String what, HttpResponseFor<?> raw, String upstreamPath, long quota) {
        billed(what, raw.headers().values(REQUEST_ID), upstreamPath, quota);
    }

    /** Keeps the request once it is known to have reached the upstream its channel type names. */
    void billed(String what, List<String> requestIds, String upstreamPath, long quota) {
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
