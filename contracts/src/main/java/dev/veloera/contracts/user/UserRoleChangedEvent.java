package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** The user's role is now {@code role} ({@code Roles.COMMON} or {@code Roles.ADMIN}). */
public record UserRoleChangedEvent(String userId, int role, int previousRole, Actor actor) {
}
