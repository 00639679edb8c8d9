package dev.veloera.query.axon;

import dev.veloera.query.support.SqliteTestDatabase;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Axon's JDBC token store and event storage engine on SQLite, through the adaptations this module makes. */
class SqliteAxonStorageTest {

    @TempDir
    Path dir;

    @Test
    void tokenStoreInitializesClaimsAndStoresWithoutSelectForUpdate() {
        DataSource dataSource = SqliteTestDatabase.migrated(dir);
        ConnectionProvider connections = () -> SqliteNullSafeConnections.wrap(dataSource.getConnection());
        JdbcTokenStore store = new SqliteJdbcTokenStore(JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(JacksonSerializer.defaultSerializer())
                .schema(AxonStorageConfiguration.tokenSchema()));

        store.initializeTokenSegments("users", 1);
        assertThat(store.fetchToken("users", 0)).isNull();
        store.storeToken(new GlobalSequenceTrackingToken(7), "users", 0);

        assertThat(store.fetchToken("users", 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
        assertThat(store.fetchSegments("users")).containsExactly(0);
    }

    @Test
    void aProcessorsFirstCatchUpIsLiveNotAReplay() {
        // Axon's default initial token: a replay up to the head of the store, which @DisallowReplay handlers skip
        DataSource dataSource = SqliteTestDatabase.migrated(dir);
        JdbcTokenStore store = new SqliteJdbcTokenStore(JdbcTokenStore.builder()
                .connectionProvider(() -> SqliteNullSafeConnections.wrap(dataSource.getConnection()))
                .serializer(JacksonSerializer.defaultSerializer())
                .schema(AxonStorageConfiguration.tokenSchema()));

        store.initializeTokenSegments("channels", 1, ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(8)));

        TrackingToken first = store.fetchToken("channels", 0);
        assertThat(ReplayToken.isReplay(first)).isFalse();
        assertThat(first).isNull(); // from the first event on, as live ones

        store.initializeTokenSegments("options", 1, new GlobalSequenceTrackingToken(3));
        assertThat(store.fetchToken("options", 0)).isEqualTo(new GlobalSequenceTrackingToken(3));
    }

    @Test
    void anEmptyEventStoreHasNoHeadTokenInsteadOfFailing() {
        DataSource dataSource = SqliteTestDatabase.migrated(dir);
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(() -> SqliteNullSafeConnections.wrap(dataSource.getConnection()))
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                .schema(new AxonStorageConfiguration().eventSchema())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .build();

        assertThat(engine.createHeadToken()).isNull();
    }
}
