package dev.veloera.contracts.setup;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** First run: creates the root user. Accepted once per installation; {@code setupId} is always {@link #SETUP_ID}. */
public record CompleteSetupCommand(@TargetAggregateIdentifier String setupId, String rootUserId,
                                   String username, String passwordHash) {
    public static final String SETUP_ID = "veloera-setup";
}
