package dev.veloera.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.veloera.analytics.usage.LogEntry;
import dev.veloera.analytics.usage.QuotaBucket;
import dev.veloera.schema.testing.TestDatabases;
import dev.veloera.schema.testing.TestDatabases.Engine;
import dev.veloera.schema.testing.TestDatabases.TestDatabase;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The sink's SQL on every engine, against the schema module's migrations (one database per engine). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsRowWriterTest {

    private static final long HOUR = 1_795_687_200L;

    private record Fixture(TestDatabase database, HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
            database.close();
        }
    }

    private final Map<Engine, Fixture> fixtures = new EnumMap<>(Engine.class);
    private JdbcTemplate jdbc;
    private AnalyticsRowWriter writer;

    private void open(Engine engine) {
        Fixture fixture = fixtures.computeIfAbsent(engine, AnalyticsRowWriterTest::migratedDatabase);
        jdbc = new JdbcTemplate(fixture.dataSource());
        jdbc.update("DELETE FROM logs");
        jdbc.update("DELETE FROM quota_data");
        writer = new AnalyticsRowWriter(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource())),
                SqlDialect.of(fixture.dataSource()));
    }

    private static Fixture migratedDatabase(Engine engine) {
        TestDatabase database = TestDatabases.create(engine);
        TestDatabases.migrate(database);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(2);
        return new Fixture(database, dataSource);
    }

    @AfterAll
    void dropDatabases() {
        fixtures.values().forEach(Fixture::close);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void writesOneLogRowPerRequestHoweverOftenItArrives(Engine engine) {
        open(engine);
        LogEntry entry = log("r-1", LogEntry.TYPE_CONSUME);

        writer.insertLogs(List.of(entry, log("r-2", LogEntry.TYPE_ERROR)));
        writer.insertLogs(List.of(entry));
        writer.insertLogs(List.of(entry, entry));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM logs", Long.class)).isEqualTo(2);
        Map<String, Object> row = jdbc.queryForMap("SELECT user_id, created_at, type, content, username, token_name,"
                + " model_name, quota, prompt_tokens, completion_tokens, use_time, is_stream, channel_id, token_id,"
                + " group_name, other FROM logs WHERE request_id = 'r-1'");
        assertThat(((Number) row.get("user_id")).longValue()).isEqualTo(7);
        assertThat(((Number) row.get("created_at")).longValue()).isEqualTo(HOUR + 65);
        assertThat(((Number) row.get("type")).intValue()).isEqualTo(LogEntry.TYPE_CONSUME);
        assertThat(row.get("content")).isEqualTo("model ratio 0.075");
        assertThat(row.get("username")).isEqualTo("alice");
        assertThat(row.get("token_name")).isEqualTo("default-token");
        assertThat(row.get("model_name")).isEqualTo("gpt-4o-mini");
        assertThat(((Number) row.get("quota")).longValue()).isEqualTo(10);
        assertThat(((Number) row.get("prompt_tokens")).intValue()).isEqualTo(100);
        assertThat(((Number) row.get("completion_tokens")).intValue()).isEqualTo(20);
        assertThat(((Number) row.get("use_time")).longValue()).isEqualTo(1234);
        assertThat(row.get("is_stream")).isIn(true, 1, 1L);
        assertThat(((Number) row.get("channel_id")).longValue()).isEqualTo(3);
        assertThat(((Number) row.get("token_id")).longValue()).isEqualTo(11);
        assertThat(row.get("group_name")).isEqualTo("default");
        assertThat(row.get("other")).isEqualTo("{\"model_ratio\":0.075}");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void keepsTheNewestAbsoluteTotalsOfABucket(Engine engine) {
        open(engine);
        QuotaBucket first = bucket("alice", 120, 1, 10);
        QuotaBucket second = bucket("alice-renamed", 240, 2, 20);

        writer.upsertQuotaData(List.of(first));
        writer.upsertQuotaData(List.of(second));
        writer.upsertQuotaData(List.of(second));
        writer.upsertQuotaData(List.of(first));

        assertThat(quotaRows()).containsExactly(Map.of("username", "alice-renamed", "token_used", 240L,
                "count", 2L, "quota", 20L));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void writesTheNewestTotalsOfABatch(Engine engine) {
        open(engine);

        writer.upsertQuotaData(List.of(bucket("alice", 120, 1, 10), bucket("alice", 360, 3, 30),
                bucket("alice", 240, 2, 20), new QuotaBucket(7, "alice", "gpt-4o", HOUR, 5, 1, 1)));

        assertThat(quotaRows()).containsExactly(
                Map.of("username", "alice", "token_used", 5L, "count", 1L, "quota", 1L),
                Map.of("username", "alice", "token_used", 360L, "count", 3L, "quota", 30L));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void fitsValuesTheColumnsCannotHold(Engine engine) {
        open(engine);
        String longModel = "m".repeat(63) + "\uD83D\uDE00" + "tail";

        writer.upsertQuotaData(List.of(new QuotaBucket(7, "alice", longModel, HOUR, 5, 5_000_000_000L, 10)));

        Map<String, Object> row = jdbc.queryForMap("SELECT model_name, count FROM quota_data");
        assertThat(row.get("model_name")).isEqualTo("m".repeat(63) + "\uD83D\uDE00");
        assertThat(((Number) row.get("count")).longValue()).isEqualTo(Integer.MAX_VALUE);
    }

    /** The schema's V8 widened quota and token totals to BIGINT: past 2^31 (about 4 295 USD) they are kept exactly. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void keepsQuotaAndTokenTotalsBeyond32Bits(Engine engine) {
        open(engine);
        long big = 5_000L * 500_000L + 1;
        LogEntry costly = new LogEntry("r-big", 7, HOUR + 65, LogEntry.TYPE_CONSUME, "", "alice", "default-token",
                "gpt-4o-mini", big, 100, 20, 1234, false, 3, 11, "default", "{}");

        writer.insertLogs(List.of(costly));
        writer.upsertQuotaData(List.of(bucket("alice", 3 * big, 1, big)));

        assertThat(jdbc.queryForObject("SELECT quota FROM logs WHERE request_id = 'r-big'", Long.class)).isEqualTo(big);
        assertThat(quotaRows()).containsExactly(Map.of("username", "alice", "token_used", 3 * big, "count", 1L, "quota", big));
    }

    private List<Map<String, Object>> quotaRows() {
        return jdbc.queryForList("SELECT username, token_used, count, quota FROM quota_data"
                        + " WHERE user_id = 7 AND created_at = " + HOUR + " ORDER BY model_name").stream()
                .map(row -> Map.<String, Object>of("username", row.get("username"),
                        "token_used", ((Number) row.get("token_used")).longValue(),
                        "count", ((Number) row.get("count")).longValue(),
                        "quota", ((Number) row.get("quota")).longValue()))
                .toList();
    }

    private static QuotaBucket bucket(String username, long tokenUsed, long count, long quota) {
        return new QuotaBucket(7, username, "gpt-4o-mini", HOUR, tokenUsed, count, quota);
    }

    private static LogEntry log(String requestId, int type) {
        return new LogEntry(requestId, 7, HOUR + 65, type, "model ratio 0.075", "alice", "default-token",
                "gpt-4o-mini", 10, 100, 20, 1234, true, 3, 11, "default", "{\"model_ratio\":0.075}");
    }
}
