package dev.veloera.contracts.catalog;

/** A user as the relay decides on it, under key {@code user:<id>}. */
public record CatalogUser(long id, String username, int status, String group, int role) {
}
