package dev.veloera.command.user;

/**
 * What settling a reservation of {@code reserved} with an actual cost of {@code actual} bills,
 * when the user has {@code userQuota} left and the token can pay at most {@code tokenPayable}
 * beyond the reservation: the reservation covers its part, anything above it is charged only as
 * far as both can pay, and the rest is {@code unbilled}. Never drives a balance below zero.
 */
record Settlement(long charged, long unbilled, long released) {

    static Settlement of(long reserved, long actual, long userQuota, ApiToken token) {
        long extra = Math.max(0, actual - reserved);
        long payableExtra = Math.min(extra, userQuota);
        if (token != null) {
            payableExtra = token.payable(payableExtra);
        }
        long charged = Math.min(actual, reserved) + payableExtra;
        return new Settlement(charged, extra - payableExtra, reserved - charged);
    }
}
