package dev.veloera.command.setup;

import dev.veloera.command.user.UserAccount;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.setup.CompleteSetupCommand;
import dev.veloera.contracts.setup.SetupCompletedEvent;
import dev.veloera.contracts.user.RegisterUserCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The installation's one-time setup. Completing it creates the root {@link UserAccount} in the same
 * unit of work (and so the same transaction), so there is never a setup without a root or a root
 * without a setup. A second attempt finds the completed aggregate and is refused; two racing
 * first attempts collide on the event store's key and the loser, retried, is refused too.
 */
@Aggregate
public class Setup {

    @AggregateIdentifier
    private String setupId;
    private boolean completed;

    protected Setup() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CompleteSetupCommand command) throws Exception {
        if (completed) {
            throw SetupException.alreadyCompleted();
        }
        if (!CompleteSetupCommand.SETUP_ID.equals(command.setupId())) {
            throw SetupException.invalid("the setup id is " + CompleteSetupCommand.SETUP_ID);
        }
        if (command.rootUserId() == null || command.username() == null || command.username().isBlank()) {
            throw SetupException.invalid("the root user needs an id and a username");
        }
        apply(new SetupCompletedEvent(command.setupId(), command.rootUserId(),
                GenericEventMessage.clock.instant().getEpochSecond()));
        RegisterUserCommand root = new RegisterUserCommand(command.rootUserId(), command.username(),
                command.passwordHash(), command.username(), Roles.ROOT, "default", null, null, 0, Actor.SYSTEM);
        AggregateLifecycle.createNew(UserAccount.class, () -> new UserAccount(root));
    }

    @EventSourcingHandler
    void on(SetupCompletedEvent event) {
        setupId = event.setupId();
        completed = true;
    }
}
