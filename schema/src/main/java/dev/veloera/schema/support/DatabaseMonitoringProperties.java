package dev.veloera.schema.support;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code veloera.db.*}: statement monitoring of every service's DataSource.
 *
 * @param slowQueryThreshold a statement taking at least this long is logged at WARN with its SQL and duration
 *                           (env {@code VELOERA_DB_SLOW_QUERY_THRESHOLD}, e.g. {@code PT0.5S}, {@code 500ms});
 *                           zero turns the log off
 * @param monitoringEnabled  {@code false} leaves the DataSource unwrapped: no slow-query log, no
 *                           {@code veloera.db.queries} (env {@code VELOERA_DB_MONITORING_ENABLED})
 */
@ConfigurationProperties("veloera.db")
public record DatabaseMonitoringProperties(@DefaultValue("PT2S") Duration slowQueryThreshold,
                                           @DefaultValue("true") boolean monitoringEnabled) {}
