package dev.veloera.command.user;

/**
 * Quota held for one request until it is settled or expires; {@code expiresAt} is epoch ms and
 * {@code expiryDeadlineId} the schedule id of the deadline that releases it.
 */
record OpenReservation(long tokenId, long amount, long expiresAt, String expiryDeadlineId) {
}
