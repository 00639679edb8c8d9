package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.contracts.pricing.QuotaMath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What {@code --demo} adds on top of a running platform, through the public management API only:
 * the first-run set-up (root with a generated password), a channel named {@code demo} pointing at
 * the {@link DemoUpstream}, and an API token with 100 USD of quota. The credentials and the key are
 * kept in {@code <data>/demo.json} so a restart prints them again.
 */
final class DemoSetup {

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEMO_QUOTA = 100 * QuotaMath.QUOTA_PER_UNIT;

    private final ManagementClient api;
    private final String upstreamUrl;
    private final Path stateFile;

    DemoSetup(String relayUrl, String upstreamUrl, Path dataDir) {
        this.api = new ManagementClient(relayUrl);
        this.upstreamUrl = upstreamUrl;
        this.stateFile = dataDir.resolve("demo.json");
    }

    void ensure() throws IOException, InterruptedException {
        ObjectNode state = Files.exists(stateFile) ? (ObjectNode) JSON.readTree(stateFile.toFile()) : JSON.createObjectNode();
        if (!api.isSetUp()) {
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
            api.setup("root", password);
            state.put("username", "root").put("password", password);
            save(state);
            log.info("Demo: first-run set-up done, root password saved in {}", stateFile);
        }
        if (!state.has("password")) {
            log.warn("Demo: this installation was set up without --demo; skipping the demo channel and token");
            return;
        }
        ManagementClient.Session root = api.awaitReadable(
                api.login(state.path("username").asText(), state.path("password").asText()), Duration.ofSeconds(30));
        if (!hasDemoChannel(root)) {
            api.createChannel(root, "demo", upstreamUrl, "demo-key", String.join(",", DemoUpstream.MODELS));
            log.info("Demo: created channel 'demo' for {}", upstreamUrl);
        }
        if (!state.has("key")) {
            api.setQuota(root, root.userId(), DEMO_QUOTA);
            state.put("key", api.createToken(root, "demo", DEMO_QUOTA, false));
            save(state);
        }
        awaitChannelVisible(root);
    }

    private boolean hasDemoChannel(ManagementClient.Session root) {
        JsonNode data = api.get(root, "/api/channel/?p=1&page_size=100");
        JsonNode items = data.isArray() ? data : data.path("items");
        for (JsonNode channel : items) {
            if ("demo".equals(channel.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The read model follows the event store within a moment; wait so the first request finds the channel. */
    private void awaitChannelVisible(ManagementClient.Session root) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!hasDemoChannel(root) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    private void save(ObjectNode state) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(stateFile.toFile(), state);
    }

    /** The lines the platform prints about the demo: who to log in as and which key to use. */
    static String describe(Path dataDir, String relayUrl) {
        try {
            JsonNode state = JSON.readTree(dataDir.resolve("demo.json").toFile());
            return """
                    Demo: log in as %s / %s; API key %s
                      curl %s -H "Authorization: Bearer %s" -H "Content-Type: application/json" \\
                        -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}'
                    """.formatted(state.path("username").asText(), state.path("password").asText(),
                    state.path("key").asText(), relayUrl + "/v1/chat/completions", state.path("key").asText());
        } catch (IOException e) {
            return "Demo: no demo state in " + dataDir + "\n";
        }
    }
}
