package dev.veloera.query.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.channel.ChannelStatusChangedEvent;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.query.support.SqliteTestDatabase;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.support.EngineDatabase;
import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final ChannelCreatedEvent CREATED = new ChannelCreatedEvent("channel-3", 0, "openai", "sk-upstream",
            "http://localhost:9999", List.of("gpt-4o", "gpt-4o-mini", "gpt-4o"), List.of("default", "vip"), 5, 10,
            Map.of("gpt-4o", "gpt-4o-2024-08-06"), "gpt-4o-mini", 1, 1_767_225_600L, new Actor(1, Roles.ROOT));

    private EngineDatabase database;
    private JdbcClient jdbc;
    private ChannelProjection projection;

    private void open(TestDatabases.Engine engine) {
        database = EngineDatabase.shared(engine);
        jdbc = database.jdbc();
        projection = new ChannelProjection(jdbc, DatabaseEngine.valueOf(engine.name()), new ObjectMapper());
        projection.reset();
    }


    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void createsTheChannelAndOneAbilityPerGroupAndModel(TestDatabases.Engine engine) {
        open(engine);
        projection.on(CREATED, AT);

        Map<String, Object> channel = jdbc.sql("""
                SELECT key_value, models, group_name, model_mapping, status, base_url FROM channels WHERE id = 3""")
                .query().singleRow();
        assertThat(channel).containsEntry("key_value", "sk-upstream").containsEntry("models", "gpt-4o,gpt-4o-mini")
                .containsEntry("group_name", "default,vip")
                .containsEntry("model_mapping", "{\"gpt-4o\":\"gpt-4o-2024-08-06\"}")
                .containsEntry("base_url", "http://localhost:9999");
        List<Map<String, Object>> abilities = SqliteTestDatabase.rows(jdbc, "abilities", "group_name, model");
        assertThat(abilities).extracting(a -> a.get("group_name") + "/" + a.get("model"))
                .containsExactly("default/gpt-4o", "default/gpt-4o-mini", "vip/gpt-4o", "vip/gpt-4o-mini");
        assertThat(abilities).allSatisfy(a -> {
            assertThat(EngineDatabase.number(a.get("priority"))).isEqualTo(5);
            assertThat(EngineDatabase.number(a.get("weight"))).isEqualTo(10);
            assertThat(EngineDatabase.truthy(a.get("enabled"))).isTrue();
            assertThat(EngineDatabase.number(a.get("channel_id"))).isEqualTo(3);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void handlingTheEventAgainOrReplayingGivesIdenticalRows(TestDatabases.Engine engine) {
        open(engine);
        projection.on(CREATED, AT);
        List<Map<String, Object>> channels = SqliteTestDatabase.rows(jdbc, "channels", "id");
        List<Map<String, Object>> abilities = SqliteTestDatabase.rows(jdbc, "abilities", "group_name, model");

        projection.on(CREATED, AT);
        // a second delivery of one event writes updated_at a millisecond later (DatabaseEngine.TOUCH_UPDATED_AT);
        // it never happens in production, where the rows and the processor's token commit together
        assertThat(SqliteTestDatabase.rows(jdbc, "channels", "id"))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("updated_at")
                .isEqualTo(channels);
        assertThat(SqliteTestDatabase.rows(jdbc, "abilities", "group_name, model")).isEqualTo(abilities);

        projection.reset();
        assertThat(SqliteTestDatabase.rows(jdbc, "abilities", "group_name, model")).isEmpty();
        projection.on(CREATED, AT);
        assertThat(SqliteTestDatabase.rows(jdbc, "channels", "id")).isEqualTo(channels);
        assertThat(SqliteTestDatabase.rows(jdbc, "abilities", "group_name, model")).isEqualTo(abilities);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void aStatusChangeDisablesTheAbilitiesAndKeepsTheReasonInOtherInfo(TestDatabases.Engine engine) {
        open(engine);
        projection.on(CREATED, AT);
        projection.on(new ChannelStatusChangedEvent("channel-3", 1, 3, "upstream answered 401", 1_767_225_700L,
                Actor.SYSTEM), AT.plusSeconds(100));

        Map<String, Object> channel = jdbc.sql("SELECT status, other_info FROM channels WHERE id = 3").query().singleRow();
        assertThat(EngineDatabase.number(channel.get("status"))).isEqualTo(3);
        assertThat((String) channel.get("other_info")).isEqualTo(
                "{\"status_reason\":\"upstream answered 401\",\"status_time\":1767225700}");
        assertThat(SqliteTestDatabase.rows(jdbc, "abilities", "group_name, model"))
                .allSatisfy(a -> assertThat(EngineDatabase.truthy(a.get("enabled"))).isFalse());

        projection.on(new ChannelStatusChangedEvent("channel-3", 3, 1, "", 1_767_225_800L, new Actor(1, Roles.ROOT)),
                AT.plusSeconds(200));
        assertThat(SqliteTestDatabase.rows(jdbc, "abilities", "group_name, model"))
                .allSatisfy(a -> assertThat(EngineDatabase.truthy(a.get("enabled"))).isTrue());
    }
}
