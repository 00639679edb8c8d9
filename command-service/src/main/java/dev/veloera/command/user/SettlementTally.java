package dev.veloera.command.user;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.user.SettledUsage;
import dev.veloera.contracts.user.TokenBalance;
import dev.veloera.contracts.user.UsageCharge;
import dev.veloera.contracts.user.UsageSettledEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running balances of one settlement: every request is charged in full, whatever it was estimated
 * at, so the balance goes below zero only by what requests cost beyond their estimates. A failed request
 * costs nothing and does not count; every other one reached the model and counts, free or not. A record
 * of the per-request path first gives its reservation's amount back (it was taken from the balance when
 * reserved); a lease's hold is not part of the balance and needs no such step.
 */
final class SettlementTally {

    private static final Set<String> STATUSES = Set.of(UsageRecorded.SUCCESS, UsageRecorded.FAILED,
            UsageRecorded.CLIENT_ABORTED);

    private long quota;
    private long usedQuota;
    private long requestCount;
    private final Map<Long, ApiToken> tokens;
    private final Map<Long, TokenBalance> balances = new LinkedHashMap<>();
    private final List<SettledUsage> settled = new ArrayList<>();
    private final Map<String, OpenReservation> released = new LinkedHashMap<>();

    SettlementTally(QuotaLedger ledger, Map<Long, ApiToken> tokens) {
        this.quota = ledger.quota();
        this.usedQuota = ledger.usedQuota();
        this.requestCount = ledger.requestCount();
        this.tokens = tokens;
    }

    void charge(UsageCharge charge, OpenReservation reservation) {
        if (charge.requestId() == null || charge.requestId().isBlank() || !STATUSES.contains(charge.status())
                || charge.quota() < 0) {
            throw UserAccountException.invalid("unsettleable usage " + charge);
        }
        boolean failed = UsageRecorded.FAILED.equals(charge.status());
        long cost = failed ? 0 : charge.quota();
        long givenBack = reservation != null && released.putIfAbsent(charge.leaseId(), reservation) == null
                ? reservation.amount() : 0;
        long tokenId = reservation != null ? reservation.tokenId() : charge.tokenId();
        quota += givenBack - cost;
        usedQuota += cost;
        requestCount += failed ? 0 : 1;
        ApiToken token = tokens.get(tokenId);
        if (token != null) {
            TokenBalance before = balances.getOrDefault(tokenId,
                    new TokenBalance(tokenId, token.remainQuota(), token.usedQuota()));
            balances.put(tokenId, new TokenBalance(tokenId, before.remainQuotaAfter() + givenBack - cost,
                    before.usedQuotaAfter() + cost));
        }
        settled.add(new SettledUsage(charge.requestId(), charge.leaseId(), tokenId, cost, charge.status(), givenBack));
    }

    /** The reservations of the per-request path this settled. */
    Collection<OpenReservation> reservationsSettled() {
        return released.values();
    }

    List<SettledUsage> settled() {
        return settled;
    }

    UsageSettledEvent event(String userId, int partition, long throughOffset, List<String> leasesClosed,
                            Actor actor) {
        return new UsageSettledEvent(userId, partition, throughOffset, List.copyOf(settled), quota, usedQuota,
                requestCount, List.copyOf(balances.values()), List.copyOf(leasesClosed), actor);
    }
}
