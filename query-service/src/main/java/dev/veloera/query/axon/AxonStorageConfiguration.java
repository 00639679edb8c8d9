package dev.veloera.query.axon;

import dev.veloera.query.catalog.CatalogProperties;
import dev.veloera.query.db.DatabaseEngine;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Axon on the shared database, without Axon Server: the {@code JdbcEventStorageEngine} (Jackson event
 * serializer) over a transaction-aware {@link ConnectionProvider} on the Spring DataSource, as Axon's
 * {@code JdbcAutoConfiguration} would build it; this class gives it the snake_case table
 * and column names of the {@code schema} module's {@code V4__create_axon_tables} (Axon's defaults
 * are camelCase) and replaces the token store, so that on SQLite it avoids {@code FOR UPDATE}. Because projections
 * write through the same DataSource and Spring transaction, a batch's rows and its token commit
 * together.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenStoreProperties.class)
class AxonStorageConfiguration {

    /**
     * Replaces the auto-configured provider (same transaction-aware wrapping) so that on SQLite
     * Axon's typed reads of NULL aggregates do not fail; see {@link SqliteNullSafeConnections}.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource, DatabaseEngine engine) {
        ConnectionProvider provider = new UnitOfWorkAwareConnectionProviderWrapper(
                new SpringDataSourceConnectionProvider(dataSource));
        if (engine != DatabaseEngine.SQLITE) {
            return provider;
        }
        return () -> SqliteNullSafeConnections.wrap(provider.getConnection());
    }

    /** Picked up by Axon's auto-configured {@code JdbcEventStorageEngine}. */
    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .eventIdentifierColumn("event_identifier")
                .metaDataColumn("meta_data")
                .payloadColumn("payload")
                .payloadRevisionColumn("payload_revision")
                .payloadTypeColumn("payload_type")
                .timestampColumn("time_stamp")
                .build();
    }

    static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, DatabaseEngine engine,
                          TokenStoreProperties properties) {
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema())
                .claimTimeout(properties.getClaimTimeout());
        return engine == DatabaseEngine.SQLITE ? new SqliteJdbcTokenStore(builder) : new LiveCatchUpTokenStore(builder);
    }

    /**
     * Axon's auto-configured event store, but polling the database every {@code veloera.catalog.event-fetch-delay}
     * (50 ms) instead of every second: command-service appends from another process, so nothing wakes this one up,
     * and a change must reach every relay's catalog within a second. One indexed read of the newest events per poll.
     * Declaring the store turns Axon's JDBC auto-configuration off, hence the storage engine as it would build it.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  CatalogProperties catalog) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(catalog.eventFetchDelay().toMillis())
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }

    /**
     * The read side must never write history: command-service is the only writer of the event
     * store. Any publication through this service's event store fails loudly instead.
     */
    @Bean
    SmartInitializingSingleton eventStoreIsReadOnly(EventStore eventStore) {
        return () -> eventStore.registerDispatchInterceptor(new RefuseAppends());
    }

    static final class RefuseAppends implements MessageDispatchInterceptor<EventMessage<?>> {
        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            return (index, message) -> {
                throw new IllegalStateException("query-service never appends events; refused "
                        + message.getPayloadType().getName());
            };
        }
    }
}
