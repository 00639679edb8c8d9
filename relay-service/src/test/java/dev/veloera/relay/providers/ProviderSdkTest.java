package dev.veloera.relay.providers;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.openai.client.OpenAIClient;
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
import dev.veloera.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.Test;

import static dev.veloera.relay.providers.ProviderTestSupport.KEY;
import static dev.veloera.relay.providers.ProviderTestSupport.mock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat through every channel type with the official SDKs as clients, as users' programs call the relay: OpenAI's SDK
 * on OpenAI, Claude (converted), Gemini (converted) and Azure channels; Anthropic's SDK on Claude (native) and on an
 * OpenAI channel (converted); plain, streamed, with tools. Every request's usage record is checked against the
 * price rule: (fresh prompt + cached × CacheRatio + cache writes × 1.25 + completion × CompletionRatio) × ModelRatio.
 */
class ProviderSdkTest extends ProviderTestBase {

    // ---- OpenAI SDK ----

    /** gpt-4o-mini: 20 prompt tokens (8 cached at 0.5), 7 completion at 4, ratio 2: (12 + 4 + 28) × 2. */
    static final long OPENAI_CHAT_QUOTA = 88;

    @Test
    void openAiChannelServesTheOpenAiSdk() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(chat("gpt-4o-mini"));
        assertThat(raw.parse().choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        assertThat(mock.lastCall().credential()).isEqualTo("sk-openai");

        UsageRecorded record = usage.only(requestId(raw));
        assertThat(record.promptTokens()).isEqualTo(20);
        assertThat(record.completionTokens()).isEqualTo(7);
        assertThat(record.quota()).isEqualTo(OPENAI_CHAT_QUOTA);
        assertThat(record.other()).containsEntry("cache_tokens", 8).containsEntry("cache_ratio", 0.5);
    }

    @Test
    void openAiChannelStreamsAndCallsToolsForTheOpenAiSdk() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client.chat().completions().withRawResponse()
                .createStreaming(chat("gpt-4o-mini"));
        assertThat(accumulate(raw).choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        assertThat(usage.only(requestId(raw)).quota()).isEqualTo(OPENAI_CHAT_QUOTA);

        HttpResponseFor<ChatCompletion> tools = client.chat().completions().withRawResponse()
                .create(withTool(chatBuilder("gpt-4o-mini")).build());
        assertThat(tools.parse().choices().getFirst().message().toolCalls().orElseThrow().getFirst()
                .asFunction().function().name()).isEqualTo("get_weather");
        assertThat(usage.only(requestId(tools)).quota()).isEqualTo(OPENAI_CHAT_QUOTA);
    }

    /**
     * claude-sonnet-4: 15 fresh input tokens, 3 cache reads at 0.1, 2 cache writes at 1.25, 9 output tokens at 5,
     * ratio 3: (15 + 0.3 + 2.5 + 45) × 3 = 188.4.
     */
    static final long CLAUDE_QUOTA = 188;

    @Test
    void claudeChannelServesTheOpenAiSdkConverted() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse()
                .create(chatBuilder("claude-sonnet-4-20250514").addSystemMessage("Be brief.").build());
        ChatCompletion completion = raw.parse();
        assertThat(completion.choices().getFirst().message().content()).hasValue(MockAnthropic.ANSWER);
        MockProviders.Call call = mock.lastCall();
        assertThat(call.path()).isEqualTo("/anthropic/v1/messages");
        assertThat(call.credential()).isEqualTo("sk-ant-good");
        assertThat(call.headers()).containsEntry("anthropic-version", "2023-06-01");
        assertThat(call.body().path("system").asText()).isEqualTo("Be brief.");
        assertThat(call.body().at("/messages/0/content/0/text").asText()).isEqualTo("Say hi");
        assertThat(call.body().path("max_tokens").asInt()).isEqualTo(100);
        UsageRecorded record = usage.only(requestId(raw));
        assertThat(record.promptTokens()).isEqualTo(20);
        assertThat(record.completionTokens()).isEqualTo(9);
        assertThat(record.quota()).isEqualTo(CLAUDE_QUOTA);
        assertThat(record.other()).containsEntry("cache_creation_tokens", 2);

        HttpResponseFor<StreamResponse<ChatCompletionChunk>> streamed = client.chat().completions().withRawResponse()
                .createStreaming(chat("claude-sonnet-4-20250514"));
        assertThat(accumulate(streamed).choices().getFirst().message().content()).hasValue(MockAnthropic.ANSWER);
        assertThat(usage.only(requestId(streamed)).quota()).isEqualTo(CLAUDE_QUOTA);

        HttpResponseFor<ChatCompletion> tools = client.chat().completions().withRawResponse()
                .create(withTool(chatBuilder("claude-sonnet-4-20250514")).build());
        var toolCall = tools.parse().choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(toolCall.function().name()).isEqualTo("get_weather");
        assertThat(toolCall.function().arguments()).contains("Paris");
        assertThat(tools.parse().choices().getFirst().finishReason().asString()).isEqualTo("tool_calls");
        assertThat(mock.lastCall().body().at("/tools/0/input_schema/type").asText()).isEqualTo("object");
        assertThat(usage.only(requestId(tools)).quota()).isEqualTo(CLAUDE_QUOTA);
    }

    @Test
    void aThinkingModelIsItsBaseModelWithThinkingBilledAtItsOwnRatio() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse()
                .create(chat("claude-3-7-sonnet-20250219-thinking"));
        assertThat(raw.parse().choices().getFirst().message().content()).hasValue(MockAnthropic.ANSWER);
        MockProviders.Call call = mock.lastCall();
        assertThat(call.body().path("model").asText()).isEqualTo("claude-3-7-sonnet-20250219");
        assertThat(call.body().at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(call.body().at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
        // no CacheRatio for the thinking model: cache reads at 1; (15 + 3 + 2.5 + 45) × 3 = 196.5
        assertThat(usage.only(requestId(raw)).quota()).isEqualTo(197);
    }

    /** gemini-2.0-flash: 13 prompt tokens, 6 + 2 thinking completion tokens at 4, ratio 1: 13 + 32. */
    @Test
    void geminiChannelServesTheOpenAiSdkConverted() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse()
                .create(chat("gemini-2.0-flash"));
        assertThat(raw.parse().choices().getFirst().message().content()).hasValue("Hello from Gemini.");
        MockProviders.Call call = mock.lastCall();
        assertThat(call.path()).isEqualTo("/gemini/v1beta/models/gemini-2.0-flash:generateContent");
        assertThat(call.credential()).isEqualTo("gemini-key");
        assertThat(call.body().at("/contents/0/parts/0/text").asText()).isEqualTo("Say hi");
        assertThat(call.body().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(100);
        assertThat(usage.only(requestId(raw)).quota()).isEqualTo(45);

        HttpResponseFor<StreamResponse<ChatCompletionChunk>> streamed = client.chat().completions().withRawResponse()
                .createStreaming(chat("gemini-2.0-flash").toBuilder()
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());
        ChatCompletion accumulated = accumulate(streamed);
        assertThat(accumulated.choices().getFirst().message().content()).hasValue("Hello from Gemini.");
        assertThat(mock.lastCall().path()).endsWith(":streamGenerateContent");
        assertThat(mock.lastCall().query()).isEqualTo("alt=sse");
        assertThat(usage.only(requestId(streamed)).quota()).isEqualTo(45);

        HttpResponseFor<ChatCompletion> tools = client.chat().completions().withRawResponse()
                .create(withTool(chatBuilder("gemini-2.0-flash")).build());
        assertThat(tools.parse().choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction()
                .function().arguments()).contains("Paris");
        assertThat(mock.lastCall().body().at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("get_weather");
    }

    /** gpt-4.1 on Azure: 20 prompt tokens (8 cached at 0.25), 7 completion at 4, ratio 1: 12 + 2 + 28. */
    @Test
    void azureChannelServesTheOpenAiSdk() {
        OpenAIClient client = ProviderTestSupport.openAi(port, KEY);
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(chat("gpt-4.1"));
        assertThat(raw.parse().choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        MockProviders.Call call = mock.lastCall();
        assertThat(call.path()).isEqualTo("/azure/openai/deployments/gpt-41/chat/completions");
        assertThat(call.query()).isEqualTo("api-version=2025-01-01-preview");
        assertThat(call.credential()).isEqualTo("azure-key");
        assertThat(usage.only(requestId(raw)).quota()).isEqualTo(42);

        HttpResponseFor<StreamResponse<ChatCompletionChunk>> streamed = client.chat().completions().withRawResponse()
                .createStreaming(chat("gpt-4.1"));
        assertThat(accumulate(streamed).choices().getFirst().message().content()).hasValue(MockOpenAiUpstream.ANSWER);
        assertThat(usage.only(requestId(streamed)).quota()).isEqualTo(42);
    }

    // ---- Anthropic SDK ----

    @Test
    void claudeChannelServesTheAnthropicSdkNatively() {
        AnthropicClient client = ProviderTestSupport.anthropic(port);
        var raw = client.messages().withRawResponse().create(messages("claude-sonnet-4-20250514").toBuilder()
                .putAdditionalHeader("anthropic-beta", "prompt-caching-2024-07-31").build());
        Message message = raw.parse();
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo(MockAnthropic.ANSWER);
        assertThat(message.usage().cacheReadInputTokens()).hasValue(3L);
        MockProviders.Call call = mock.lastCall();
        assertThat(call.credential()).isEqualTo("sk-ant-good");
        // the SDK's own anthropic-version and the beta header reach the upstream
        assertThat(call.headers()).containsKey("anthropic-version")
                .containsEntry("anthropic-beta", "prompt-caching-2024-07-31");
        assertThat(call.body().path("max_tokens").asInt()).isEqualTo(100);
        assertThat(usage.only(raw.headers().values("X-Veloera-Request-Id").getFirst()).quota()).isEqualTo(CLAUDE_QUOTA);

        var streamed = client.messages().withRawResponse().createStreaming(messages("claude-sonnet-4-20250514"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (var stream = streamed.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertThat(accumulator.message().content().getFirst().text().orElseThrow().text()).isEqualTo(MockAnthropic.ANSWER);
        assertThat(accumulator.message().usage().outputTokens()).isEqualTo(9);
        assertThat(usage.only(streamed.headers().values("X-Veloera-Request-Id").getFirst()).quota())
                .isEqualTo(CLAUDE_QUOTA);

        var tools = client.messages().withRawResponse().create(messages("claude-sonnet-4-20250514").toBuilder()
                .addTool(weatherTool()).build());
        assertThat(tools.parse().content().getFirst().toolUse().orElseThrow().name()).isEqualTo("get_weather");
    }

    @Test
    void openAiChannelServesTheAnthropicSdkConverted() {
        AnthropicClient client = ProviderTestSupport.anthropic(port);
        var raw = client.messages().withRawResponse().create(messages("gpt-4o-mini").toBuilder()
                .system("Be brief.").build());
        Message message = raw.parse();
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo(MockOpenAiUpstream.ANSWER);
        assertThat(message.usage().outputTokens()).isEqualTo(7);
        MockProviders.Call call = mock.lastCall();
        assertThat(call.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(call.body().at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(call.body().at("/messages/1/content").asText()).isEqualTo("Say hi");
        assertThat(usage.only(raw.headers().values("X-Veloera-Request-Id").getFirst()).quota())
                .isEqualTo(OPENAI_CHAT_QUOTA);

        var streamed = client.messages().withRawResponse().createStreaming(messages("gpt-4o-mini"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (var stream = streamed.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertThat(accumulator.message().content().getFirst().text().orElseThrow().text())
                .isEqualTo(MockOpenAiUpstream.ANSWER);
        assertThat(usage.only(streamed.headers().values("X-Veloera-Request-Id").getFirst()).quota())
                .isEqualTo(OPENAI_CHAT_QUOTA);

        var tools = client.messages().withRawResponse().createStreaming(messages("gpt-4o-mini").toBuilder()
                .addTool(weatherTool()).build());
        MessageAccumulator toolAccumulator = MessageAccumulator.create();
        try (var stream = tools.parse()) {
            stream.stream().forEach(toolAccumulator::accumulate);
        }
        var toolUse = toolAccumulator.message().content().getFirst().toolUse().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().toString()).contains("Paris");
    }

    @Test
    void imagesAndToolTurnsAreConvertedBothWays() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String image = "data:image/png;base64,iVBORw0KGgo=";
        String openAiBody = "{\"model\":\"claude-sonnet-4-20250514\",\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is it?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + image + "\"}}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_9\",\"type\":\"function\","
                + "\"function\":{\"name\":\"look\",\"arguments\":\"{\\\"zoom\\\":2}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_9\",\"content\":\"a cat\"}]}";
        var toClaude = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(openAiBody)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(toClaude.statusCode()).isEqualTo(200);
        var claude = mock.lastCall().body();
        assertThat(claude.at("/messages/0/content/1/type").asText()).isEqualTo("image");
        assertThat(claude.at("/messages/0/content/1/source/media_type").asText()).isEqualTo("image/png");
        assertThat(claude.at("/messages/0/content/1/source/data").asText()).isEqualTo("iVBORw0KGgo=");
        assertThat(claude.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(claude.at("/messages/1/content/0/input/zoom").asInt()).isEqualTo(2);
        assertThat(claude.at("/messages/2/role").asText()).isEqualTo("user");
        assertThat(claude.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(claude.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("call_9");

        String anthropicBody = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                + "\"data\":\"iVBORw0KGgo=\"}},{\"type\":\"text\",\"text\":\"What is it?\"}]}]}";
        var toOpenAi = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/v1/messages"))
                .header("x-api-key", KEY).header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(anthropicBody)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(toOpenAi.statusCode()).isEqualTo(200);
        var openAi = mock.lastCall().body();
        assertThat(openAi.at("/messages/0/content/0/type").asText()).isEqualTo("image_url");
        assertThat(openAi.at("/messages/0/content/0/image_url/url").asText()).isEqualTo(image);
        assertThat(toOpenAi.body()).contains("\"type\":\"message\"").contains("\"stop_reason\":\"end_turn\"");
    }

    // ---- helpers ----

    static ChatCompletionCreateParams chat(String model) {
        return chatBuilder(model).build();
    }

    static ChatCompletionCreateParams.Builder chatBuilder(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hi").maxTokens(100);
    }

    static ChatCompletionCreateParams.Builder withTool(ChatCompletionCreateParams.Builder builder) {
        return builder.addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather").description("The weather in a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", com.openai.core.JsonValue.from("object"))
                        .putAdditionalProperty("properties", com.openai.core.JsonValue.from(java.util.Map.of(
                                "city", java.util.Map.of("type", "string"))))
                        .build())
                .build()).build());
    }

    static MessageCreateParams messages(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(100).addUserMessage("Say hi").build();
    }

    static Tool weatherTool() {
        return Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(java.util.Map.of("city", java.util.Map.of("type", "string"))))
                .build()).build();
    }

    static ChatCompletion accumulate(HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

}
