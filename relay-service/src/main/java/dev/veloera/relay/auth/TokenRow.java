package dev.veloera.relay.auth;

/** The columns of {@code tokens} and {@code users} a key check needs. */
record TokenRow(long tokenId, String tokenName, int tokenStatus, long expiredTime, String tokenGroup,
                boolean modelLimitsEnabled, String modelLimits, long userId, String username, int userStatus,
                String userGroup) {
}
