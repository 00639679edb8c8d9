package dev.veloera.query.logs;

/** {@code GET /api/log/stat}: the quota consumed by the logs matching the filter. */
record LogStat(long quota) {
}
