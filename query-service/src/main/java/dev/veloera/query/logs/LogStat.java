package dev.veloera.query.logs;

/**
 * {@code GET /api/log/stat} and {@code /self/stat}, as Veloera's: the quota of the consume logs matching the filter;
 * {@code rpm} and {@code tpm} the requests and tokens of the last 60 seconds matching the same filters but the time.
 */
record LogStat(long quota, long rpm, long tpm) {
}
