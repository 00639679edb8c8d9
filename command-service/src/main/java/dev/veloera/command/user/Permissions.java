package dev.veloera.command.user;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;

/** Who may act on an account: its owner, the system, or an admin whose role is above the account's (root always). */
final class Permissions {

    private Permissions() {
    }

    static void requireSelfOrAdminAbove(Actor actor, long userId, int accountRole) {
        if (actor.isSystem() || actor.userId() == userId) {
            return;
        }
        if (!actor.isAdmin()) {
            throw UserAccountException.forbidden("you may only act on your own account");
        }
        requireActsAbove(actor, accountRole);
    }

    static void requireAdminAbove(Actor actor, int accountRole, String what) {
        if (!actor.isAdmin()) {
            throw UserAccountException.forbidden("only an admin may " + what);
        }
        requireActsAbove(actor, accountRole);
    }

    /** Creating an account with a role above common needs an actor above that role (or root, or the system). */
    static void requireMayGrant(Actor actor, int role) {
        if (role > Roles.COMMON && !actor.isSystem() && actor.role() != Roles.ROOT && actor.role() <= role) {
            throw UserAccountException.forbidden("cannot create a user with a role at or above your own");
        }
    }

    private static void requireActsAbove(Actor actor, int accountRole) {
        if (!actor.isSystem() && actor.role() != Roles.ROOT && accountRole >= actor.role()) {
            throw UserAccountException.forbidden("cannot change a user whose role is at or above your own");
        }
    }
}
