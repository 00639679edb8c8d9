package dev.veloera.command.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Axon without Axon Server: the JDBC event store lives in the service's DataSource (no JPA), every
 * serializer is Jackson, and the only event handlers of this service run subscribing, inside the
 * command's transaction, with failures propagated so a lookup-table write and its events commit or
 * roll back together.
 * <p>
 * The storage engine and connection provider are declared here rather than left to Axon's
 * {@code JdbcAutoConfiguration}, whose {@code @ConditionalOnBean(DataSource)} depends on
 * auto-configuration ordering.
 */
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /** The processing group that keeps {@code cmd_user_directory} current. */
    public static final String USER_DIRECTORY_GROUP = "user-directory";

    /** Axon's own mapper: records as they are, unknown properties tolerated (events evolve). */
    static ObjectMapper axonObjectMapper() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        return mapper;
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(axonObjectMapper()).build();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    public SqliteWriter sqliteWriter(DatabaseEngine engine) {
        return new SqliteWriter(engine.isSqlite());
    }

    /**
     * Axon's transactions (command bus, deadline manager) hold the JVM-wide SQLite writer lock ({@link SqliteWriter});
     * Axon's auto-configuration backs off for this bean.
     */
    @Bean
    public TransactionManager serializedAxonTransactionManager(PlatformTransactionManager transactions,
                                                               SqliteWriter sqliteWriter) {
        return sqliteWriter.serialize(new SpringTransactionManager(transactions));
    }

    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return DuplicateKeys::isDuplicateKey;
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 PlatformTransactionManager transactions,
                                                 org.axonframework.config.Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                // reads join the unit of work's transaction, or run alone (the snapshotter): never the writer lock,
                // which a snapshot in its own transaction would otherwise take after the database's
                .transactionManager(new SpringTransactionManager(transactions))
                .schema(eventSchema())
                .build();
    }

    /** The schema module names Axon's tables and columns in snake_case (migration V4). */
    static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Snapshots are taken on their own thread. With Axon's default (the committing thread, before it lets go of the
     * aggregate's lock) a snapshot needs a second pooled connection while every other connection may be held by a
     * request waiting for that same lock: with more racers on one aggregate than the pool has connections, all of
     * them stalled until the pool's timeout (seen with snapshotted redemption codes under a 100-thread race).
     */
    @Bean
    public SpringAggregateSnapshotterFactoryBean aggregateSnapshotter() {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        snapshotter.setExecutor(Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("axon-snapshotter").daemon().factory()));
        return snapshotter;
    }

    @Bean
    public SnapshotTriggerDefinition userAccountSnapshotTrigger(Snapshotter snapshotter,
                                                                CommandServiceProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.userSnapshotThreshold());
    }

    /**
     * Hot accounts are not re-sourced for every reservation. Safe with several replicas: a stale
     * cached account loses the append on the event store's key, the rollback evicts it, and the
     * retried command loads the current state.
     */
    @Bean
    public Cache userAccountCache() {
        return new WeakReferenceCache();
    }

    @Autowired
    public void configureProcessors(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(USER_DIRECTORY_GROUP)
                .registerListenerInvocationErrorHandler(USER_DIRECTORY_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
