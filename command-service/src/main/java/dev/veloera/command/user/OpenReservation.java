package dev.veloera.command.user;

/** Quota held for one request until it is settled or expires; {@code expiresAt} is epoch ms. */
record OpenReservation(long tokenId, long amount, long expiresAt) {
}
