package dev.veloera.command.user;

/** What a successful login tells the caller. */
public record LoginResult(long id, String username, int role, String group, String accessToken) {
}
