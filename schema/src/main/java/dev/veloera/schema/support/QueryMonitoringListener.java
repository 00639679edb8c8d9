package dev.veloera.schema.support;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

/**
 * A datasource-proxy listener that times every statement, counts it in {@link QueryStatistics}, and logs one slower
 * than the threshold at WARN with its SQL and duration. Bind values are never logged: they hold key hashes,
 * access tokens and password hashes. The duration is the JDBC execute call, not the reading of its result set.
 */
public final class QueryMonitoringListener implements QueryExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(QueryMonitoringListener.class);
    private static final String STARTED = QueryMonitoringListener.class.getName() + ".started";
    private static final int MAX_SQL_LENGTH = 2000;

    private final QueryStatistics statistics;
    private final long thresholdNanos;
    private final Duration threshold;

    /** @param slowQueryThreshold zero or negative: no statement is logged as slow */
    public QueryMonitoringListener(QueryStatistics statistics, Duration slowQueryThreshold) {
        this.statistics = statistics;
        this.threshold = slowQueryThreshold;
        this.thresholdNanos = slowQueryThreshold.isNegative() || slowQueryThreshold.isZero()
                ? Long.MAX_VALUE : slowQueryThreshold.toNanos();
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        execInfo.addCustomValue(STARTED, System.nanoTime());
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        Long started = execInfo.getCustomValue(STARTED, Long.class);
        long nanos = started == null ? TimeUnit.MILLISECONDS.toNanos(execInfo.getElapsedTime()) : System.nanoTime() - started;
        String firstQuery = queryInfoList.isEmpty() ? null : queryInfoList.get(0).getQuery();
        QueryOperation operation = QueryOperation.of(firstQuery);
        boolean slow = nanos >= thresholdNanos;
        statistics.record(operation, execInfo.isSuccess(), nanos, slow);
        if (slow && LOG.isWarnEnabled()) {
            LOG.warn("Slow {} statement: {} ms (threshold {} ms{}{}) on {}: {}. Check its plan and indexes;"
                            + " the threshold is veloera.db.slow-query-threshold (VELOERA_DB_SLOW_QUERY_THRESHOLD)",
                    operation.tag(), TimeUnit.NANOSECONDS.toMillis(nanos), threshold.toMillis(),
                    execInfo.isBatch() ? ", batch of " + execInfo.getBatchSize() : "",
                    execInfo.isSuccess() ? "" : ", failed", execInfo.getDataSourceName(), sql(queryInfoList));
        }
    }

    private static String sql(List<QueryInfo> queries) {
        Set<String> distinct = new LinkedHashSet<>();
        for (QueryInfo query : queries) {
            if (query.getQuery() != null) {
                distinct.add(query.getQuery().strip().replaceAll("\\s+", " "));
            }
        }
        String sql = String.join("; ", distinct);
        return sql.length() <= MAX_SQL_LENGTH ? sql : sql.substring(0, MAX_SQL_LENGTH) + "… (" + sql.length() + " characters)";
    }
}
