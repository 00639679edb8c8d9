package dev.veloera.command.setup;

import dev.veloera.command.user.UserAccount;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.setup.CompleteSetupCommand;
import dev.veloera.contracts.setup.SetupCompletedEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SetupTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ID = CompleteSetupCommand.SETUP_ID;

    private FixtureConfiguration<Setup> fixture;
    private EmbeddedEventStore userEvents;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Setup.class);
        // the root account lives in its own stream; the fixture's store holds the Setup stream only
        userEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Repository<UserAccount> users = EventSourcingRepository.builder(UserAccount.class).eventStore(userEvents).build();
        fixture.registerRepositoryProvider(new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == UserAccount.class ? (Repository<T>) users : null;
            }
        });
    }

    @Test
    void canCompleteSetupCreatingTheRootUserInTheSameUnitOfWork() {
        fixture.givenNoPriorActivity().andGivenCurrentTime(NOW)
                .when(new CompleteSetupCommand(ID, "1", "root", "$2a$hash"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SetupCompletedEvent(ID, "1", NOW.getEpochSecond()));

        List<? extends DomainEventMessage<?>> root = userEvents.readEvents("1").asStream().toList();
        assertThat(root).singleElement().extracting(DomainEventMessage::getPayload)
                .isEqualTo(new UserRegisteredEvent("1", "root", "$2a$hash", "root", Roles.ROOT, Status.ENABLED,
                        "default", null, null, 0, NOW.getEpochSecond(), Actor.SYSTEM));
    }

    @Test
    void cannotCompleteSetupTwice() {
        fixture.given(new SetupCompletedEvent(ID, "1", NOW.getEpochSecond()))
                .when(new CompleteSetupCommand(ID, "2", "another", "$2a$hash"))
                .expectNoEvents()
                .expectException(SetupException.class)
                .expectExceptionMessage("the system has already been set up");
        assertThat(userEvents.readEvents("2").asStream()).isEmpty();
    }

    @Test
    void cannotCompleteSetupWithoutAUsername() {
        fixture.givenNoPriorActivity()
                .when(new CompleteSetupCommand(ID, "1", " ", "$2a$hash"))
                .expectException(SetupException.class);
    }
}
