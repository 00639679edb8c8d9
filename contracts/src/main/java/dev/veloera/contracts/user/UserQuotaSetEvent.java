package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** The user's quota went from {@code previousQuota} to {@code quota} by an admin's decision. */
public record UserQuotaSetEvent(String userId, long previousQuota, long quota, Actor actor) {
}
