package dev.veloera.query.token;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.ApiTokenCreatedEvent;
import dev.veloera.contracts.user.ApiTokenDeletedEvent;
import dev.veloera.contracts.user.ApiTokenStatusChangedEvent;
import dev.veloera.contracts.user.ApiTokenUpdatedEvent;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.support.EngineDatabase;
import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Token edits, status and deletion projected, and read back the way the token API reads them. */
class TokenQueriesTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Actor ALICE = new Actor(7, Roles.COMMON);
    private static final String KEY = "sk-" + "q".repeat(48);

    private TokenProjection projection;
    private TokenQueries queries;

    private void open(TestDatabases.Engine engine) throws Exception {
        EngineDatabase database = EngineDatabase.shared(engine);
        projection = new TokenProjection(database.jdbc(), DatabaseEngine.valueOf(engine.name()));
        queries = new TokenQueries(database.jdbc());
        projection.reset();
        database.jdbc().sql("DELETE FROM users WHERE id IN (7, 8)").update();
        database.jdbc().sql("INSERT INTO users (id, username, password) VALUES (7, 'alice-tq', 'x'), (8, 'bob-tq', 'x')")
                .update();
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
        projection.on(new ApiTokenCreatedEvent("7", 5, "main_key", hash, "sk-qqqq…qqqq", 100, -1, 10, false, false,
                List.of(), "", "", ALICE), AT);
        projection.on(new ApiTokenCreatedEvent("7", 6, "other", "h6", "sk-abcd…wxyz", 100, -1, 10, false, false,
                List.of(), "", "", ALICE), AT);
        projection.on(new ApiTokenCreatedEvent("8", 7, "bobs", "h7", "sk-bbbb…bbbb", 100, -1, 10, false, false,
                List.of(), "", "", new Actor(8, Roles.COMMON)), AT);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void anEditReplacesEveryEditableField(TestDatabases.Engine engine) throws Exception {
        open(engine);
        projection.on(new ApiTokenUpdatedEvent("7", 5, "renamed", 2_000_000_000L, 77, true, true,
                List.of("gpt-4o", "o3"), "10.0.0.0/8", "vip", ALICE), AT.plusSeconds(1));
        TokenView token = queries.ofUser(7, 5).orElseThrow();
        assertThat(token.name()).isEqualTo("renamed");
        assertThat(token.expiredTime()).isEqualTo(2_000_000_000L);
        assertThat(token.remainQuota()).isEqualTo(77);
        assertThat(token.unlimitedQuota()).isTrue();
        assertThat(token.modelLimitsEnabled()).isTrue();
        assertThat(token.modelLimits()).isEqualTo("gpt-4o,o3");
        assertThat(token.allowIps()).isEqualTo("10.0.0.0/8");
        assertThat(token.group()).isEqualTo("vip");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void anotherUsersTokenAndADeletedTokenAreNotFound(TestDatabases.Engine engine) throws Exception {
        open(engine);
        assertThat(queries.ofUser(7, 7)).isEmpty();
        projection.on(new ApiTokenStatusChangedEvent("7", 6, Status.ENABLED, Status.DISABLED, ALICE), AT);
        assertThat(queries.ofUser(7, 6).orElseThrow().status()).isEqualTo(Status.DISABLED);
        projection.on(new ApiTokenDeletedEvent("7", 6, ALICE), AT);
        assertThat(queries.ofUser(7, 6)).isEmpty();
        assertThat(queries.countOfUser(7)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void searchFindsOwnTokensByNamePrefixAndByKey(TestDatabases.Engine engine) throws Exception {
        open(engine);
        assertThat(queries.search(7, "main", null)).extracting(TokenView::id).containsExactly(5L);
        assertThat(queries.search(7, "b", null)).isEmpty();
        assertThat(queries.search(7, "%", null)).as("LIKE wildcards are literal").isEmpty();
        assertThat(queries.search(7, null, KEY)).extracting(TokenView::id).containsExactly(5L);
        assertThat(queries.search(7, null, "wxyz")).extracting(TokenView::id).containsExactly(6L);
        assertThat(queries.search(7, "", "")).extracting(TokenView::id).containsExactly(6L, 5L);
        assertThat(queries.search(8, null, KEY)).isEmpty();
    }
}
