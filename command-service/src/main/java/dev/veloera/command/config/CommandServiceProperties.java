package dev.veloera.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of command-service under {@code veloera.*}.
 *
 * @param internalSecret          shared secret of the internal quota API ({@code VELOERA_INTERNAL_SECRET})
 * @param reservationTtl          how long an unsettled reservation holds quota ({@code VELOERA_RESERVATION_TTL})
 * @param leaseTtl                how long a quota lease lives before its deadline closes it ({@code VELOERA_LEASE_TTL})
 * @param userSnapshotThreshold   events between two UserAccount snapshots
 * @param schedulerPollingInterval how often db-scheduler looks for due deadlines
 * @param commandRetries          attempts at a command that lost an optimistic-locking race
 */
@ConfigurationProperties("veloera")
public record CommandServiceProperties(@DefaultValue("veloera-dev-secret") String internalSecret,
                                       @DefaultValue("PT15M") Duration reservationTtl,
                                       @DefaultValue("PT2M") Duration leaseTtl,
                                       @DefaultValue("250") int userSnapshotThreshold,
                                       @DefaultValue("PT5S") Duration schedulerPollingInterval,
                                       @DefaultValue("20") int commandRetries) {
}
