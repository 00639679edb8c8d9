package dev.veloera.query.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.channel.ChannelBalanceUpdatedEvent;
import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.channel.ChannelDeletedEvent;
import dev.veloera.contracts.channel.ChannelSettings;
import dev.veloera.contracts.channel.ChannelStatusChangedEvent;
import dev.veloera.contracts.channel.ChannelTestedEvent;
import dev.veloera.contracts.channel.ChannelUpdatedEvent;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.support.EngineDatabase;
import dev.veloera.query.support.SqliteTestDatabase;
import dev.veloera.query.web.PageRequest;
import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A channel's edits, tests, balances and deletion in the read model, read back as the channel API reads them. */
class ChannelEditProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Actor ADMIN = new Actor(1, Roles.ADMIN);
    private static final ChannelSettings EDITED = new ChannelSettings(1, "claude", "sk-new", "https://x.example", "org",
            "claude-x", List.of("claude-x", "claude-y"), List.of("default", "vip"), 9L, 3, "{\"claude-x\":\"cx\"}",
            "{\"429\":\"500\"}", "team-a", "{\"force_format\":true}", "{\"temperature\":0.2}", 0, "v1", "cx-");

    private JdbcClient jdbc;
    private ChannelProjection created;
    private ChannelEditProjection projection;
    private ChannelQueries queries;

    private void open(TestDatabases.Engine engine) {
        jdbc = EngineDatabase.shared(engine).jdbc();
        DatabaseEngine dbEngine = DatabaseEngine.valueOf(engine.name());
        created = new ChannelProjection(jdbc, dbEngine, new ObjectMapper());
        projection = new ChannelEditProjection(jdbc, dbEngine);
        queries = new ChannelQueries(jdbc);
        created.reset();
        created.on(new ChannelCreatedEvent("channel-3", 0, "openai", "sk-up", "http://u", List.of("gpt-4o"),
                List.of("default"), 5, 10, Map.of(), null, 1, 100, ADMIN), AT);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void anEditRewritesEveryFieldAndTheAbilities(TestDatabases.Engine engine) {
        open(engine);
        created.on(new ChannelStatusChangedEvent("channel-3", 1, 2, "by hand", 100, ADMIN), AT);
        projection.on(new ChannelUpdatedEvent("channel-3", EDITED, 200, ADMIN), AT.plusSeconds(1));

        ChannelView channel = queries.withKey(3).orElseThrow();
        assertThat(channel.key()).isEqualTo("sk-new");
        assertThat(channel.type()).isEqualTo(1);
        assertThat(channel.models()).isEqualTo("claude-x,claude-y");
        assertThat(channel.group()).isEqualTo("default,vip");
        assertThat(channel.statusCodeMapping()).isEqualTo("{\"429\":\"500\"}");
        assertThat(channel.tag()).isEqualTo("team-a");
        assertThat(channel.setting()).isEqualTo("{\"force_format\":true}");
        assertThat(channel.paramOverride()).isEqualTo("{\"temperature\":0.2}");
        assertThat(channel.autoBan()).isZero();
        assertThat(channel.modelPrefix()).isEqualTo("cx-");
        assertThat(channel.openaiOrganization()).isEqualTo("org");
        assertThat(channel.status()).as("an edit keeps the status").isEqualTo(2);
        List<Map<String, Object>> abilities = SqliteTestDatabase.rows(jdbc, "abilities", "group_name, model");
        assertThat(abilities).extracting(a -> a.get("group_name") + "/" + a.get("model") + "/" + a.get("tag"))
                .containsExactly("default/claude-x/team-a", "default/claude-y/team-a", "vip/claude-x/team-a",
                        "vip/claude-y/team-a");
        assertThat(abilities).allSatisfy(a -> assertThat(EngineDatabase.truthy(a.get("enabled"))).isFalse());
        assertThat(queries.page(new PageRequest(1, 10), true)).singleElement()
                .satisfies(v -> assertThat(v.key()).as("lists never carry the key").isNull());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void testsAndBalancesAreRecordedAndADeletedChannelIsGone(TestDatabases.Engine engine) {
        open(engine);
        projection.on(new ChannelTestedEvent("channel-3", 420, 300, Actor.SYSTEM), AT);
        projection.on(new ChannelBalanceUpdatedEvent("channel-3", 12.5, 301, ADMIN), AT);
        ChannelView channel = queries.withKey(3).orElseThrow();
        assertThat(channel.responseTime()).isEqualTo(420);
        assertThat(channel.testTime()).isEqualTo(300);
        assertThat(channel.balance()).isEqualTo(12.5);
        assertThat(channel.balanceUpdatedTime()).isEqualTo(301);
        assertThat(queries.search("open", null, null, false)).hasSize(1);
        assertThat(queries.search("3", null, null, false)).hasSize(1);
        assertThat(queries.search(null, "default", "gpt", false)).hasSize(1);
        assertThat(queries.search("%", null, null, false)).isEmpty();
        assertThat(queries.models(true)).containsExactly("gpt-4o");

        projection.on(new ChannelDeletedEvent("channel-3", "openai", ADMIN));
        assertThat(queries.withKey(3)).isEmpty();
        assertThat(SqliteTestDatabase.rows(jdbc, "abilities", "model")).isEmpty();
    }
}
