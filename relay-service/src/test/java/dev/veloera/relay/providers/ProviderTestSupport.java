package dev.veloera.relay.providers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.veloera.contracts.catalog.CatalogChannel;
import dev.veloera.contracts.channel.ChannelTypes;
import dev.veloera.contracts.common.Roles;
import dev.veloera.relay.CatalogRecords;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One relay for the provider tests: an embedded KRaft broker with the catalog below, {@link MockProviders} as every
 * upstream and as command-service. Prices: ModelRatio and CompletionRatio per model, CacheRatio 0.5 for
 * {@code gpt-4o-mini}, 0.1 for Claude, 0.25 for {@code gpt-4.1}; RetryTimes 2; AutomaticDisableChannelEnabled.
 */
final class ProviderTestSupport {

    static final String KEY = "sk-" + "p".repeat(48);
    static final String KEY_ADMIN = "sk-" + "q".repeat(48);
    static final String KEY_LIMITED = "sk-" + "r".repeat(48);

    static final MockProviders mock;
    static final EmbeddedKafkaKraftBroker broker;
    static final Path dataDir;

    static {
        try {
            mock = new MockProviders();
            dataDir = Files.createTempDirectory("relay-providers");
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
            seed(broker.getBrokersAsString());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ProviderTestSupport() {
    }

    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
        registry.add("veloera.command-url", () -> mock.url() + "/command");
        registry.add("veloera.query-url", () -> mock.url() + "/query");
        registry.add("veloera.usage.journal.dir", () -> dataDir.resolve("journal").toString());
        registry.add("veloera.limits.max-request-body", () -> "1MB");
    }

    private static void seed(String bootstrapServers) throws Exception {
        CatalogRecords.createTopic(bootstrapServers);
        String url = mock.url();
        try (CatalogRecords catalog = new CatalogRecords(bootstrapServers)) {
            catalog.user(1, "paula", 1, "default").user(2, "quinn", 1, "default", Roles.ADMIN)
                    .token(1, 1, KEY, 1, -1, "", false, List.of())
                    .token(2, 2, KEY_ADMIN, 1, -1, "", false, List.of())
                    .user(3, "rita", 1, "default").token(3, 3, KEY_LIMITED, 1, -1, "", false, List.of())
                    .channel(channel(1, ChannelTypes.OPENAI_COMPATIBLE, "sk-openai", url + "/openai", 0,
                            List.of("gpt-4o-mini", "text-embedding-3-small", "dall-e-3", "tts-1", "whisper-1",
                                    "omni-moderation-latest", "gpt-3.5-turbo-instruct", "rerank-v1", "o4-mini", "slow-model"), ""))
                    .channel(channel(2, ChannelTypes.ANTHROPIC_CLAUDE, "sk-ant-good", url + "/anthropic", 0,
                            List.of("claude-sonnet-4-20250514", "claude-3-7-sonnet-20250219-thinking"), ""))
                    .channel(channel(3, ChannelTypes.GEMINI, "gemini-key", url + "/gemini", 0,
                            List.of("gemini-2.0-flash", "text-embedding-004", "imagen-3.0-generate-002"), ""))
                    .channel(channel(4, ChannelTypes.AZURE_OPENAI, "azure-key", url + "/azure", 0,
                            List.of("gpt-4.1"), "2025-01-01-preview"))
                    // a busy channel above a good one
                    .channel(channel(60, ChannelTypes.OPENAI_COMPATIBLE, "sk-429", url + "/openai", 10,
                            List.of("busy-model"), ""))
                    .channel(channel(61, ChannelTypes.OPENAI_COMPATIBLE, "sk-good-61", url + "/openai", 0,
                            List.of("busy-model"), ""))
                    // a revoked key above a good one
                    .channel(channel(70, ChannelTypes.OPENAI_COMPATIBLE, "sk-revoked", url + "/openai", 10,
                            List.of("revoked-model"), ""))
                    .channel(channel(71, ChannelTypes.OPENAI_COMPATIBLE, "sk-good-71", url + "/openai", 0,
                            List.of("revoked-model"), ""))
                    // two keys, one of them revoked
                    .channel(channel(80, ChannelTypes.OPENAI_COMPATIBLE, "sk-revoked-80\nsk-good-80", url + "/openai",
                            0, List.of("multikey-model"), ""))
                    // param_override and status_code_mapping
                    .channel(new CatalogChannel(90, "channel-90", ChannelTypes.OPENAI_COMPATIBLE, "sk-good-90",
                            url + "/openai", 1, List.of("override-model"), List.of("default"), 0, 0,
                            Map.of("override-model", "upstream-override"), Map.of(),
                            Map.of("temperature", 0.2, "user", "relay"), Map.of(), true, ""))
                    .channel(new CatalogChannel(91, "channel-91", ChannelTypes.OPENAI_COMPATIBLE, "sk-429",
                            url + "/openai", 1, List.of("mapped-status-model"), List.of("default"), 0, 0, Map.of(),
                            Map.of("429", "503"), Map.of(), Map.of(), false, ""))
                    .option("ModelRatio", "{\"gpt-4o-mini\":2,\"claude-sonnet-4-20250514\":3,"
                            + "\"claude-3-7-sonnet-20250219-thinking\":3,\"gemini-2.0-flash\":1,\"gpt-4.1\":1,"
                            + "\"busy-model\":1,\"revoked-model\":1,\"multikey-model\":1,\"text-embedding-3-small\":2,"
                            + "\"gpt-3.5-turbo-instruct\":0.75,\"rerank-v1\":1,\"o4-mini\":0.55,\"tts-1\":7.5,"
                            + "\"omni-moderation-latest\":0.1,\"text-embedding-004\":3}")
                    .option("CompletionRatio", "{\"gpt-4o-mini\":4,\"claude-sonnet-4-20250514\":5,"
                            + "\"claude-3-7-sonnet-20250219-thinking\":5,\"gemini-2.0-flash\":4,\"gpt-4.1\":4,"
                            + "\"o4-mini\":4}")
                    .option("ModelPrice", "{\"dall-e-3\":0.04,\"whisper-1\":0.006,\"imagen-3.0-generate-002\":0.03}")
                    .option("CacheRatio", "{\"gpt-4o-mini\":0.5,\"claude-sonnet-4-20250514\":0.1,\"gpt-4.1\":0.25}")
                    .option("RetryTimes", "2")
                    .option("AutomaticDisableChannelEnabled", "true");
        }
    }

    static CatalogChannel channel(long id, int type, String key, String baseUrl, long priority, List<String> models,
                                  String other) {
        return new CatalogChannel(id, "channel-" + id, type, key, baseUrl, 1, models, List.of("default"), priority, 0,
                Map.of(), Map.of(), Map.of(), Map.of(), true, other);
    }

    static OpenAIClient openAi(int port, String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl("http://localhost:" + port + "/v1").maxRetries(0)
                .build();
    }

    static AnthropicClient anthropic(int port) {
        return AnthropicOkHttpClient.builder().apiKey(KEY).baseUrl("http://localhost:" + port).maxRetries(0).build();
    }
}
