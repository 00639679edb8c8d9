package dev.veloera.contracts.catalog;

/** One row of {@code options} under key {@code option:<key>}: {@code ModelRatio}, {@code GroupRatio}, … */
public record CatalogOption(String key, String value) {
}
