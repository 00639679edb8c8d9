package dev.veloera.query.maintenance;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Gathers {@link DbStatus}: every figure from the catalog or the pool, with the maintenance limits on each statement. */
public class DbStatusService {

    static final String SLOW_QUERY_PROPERTY = "veloera.db.slow-query-threshold";

    private final DataSource dataSource;
    private final MaintenanceDialect dialect;
    private final BoundedJdbc jdbc;
    private final MaintenanceRunner runner;
    private final Environment environment;

    DbStatusService(DataSource dataSource, MaintenanceDialect dialect, BoundedJdbc jdbc, MaintenanceRunner runner,
                    Environment environment) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.runner = runner;
        this.environment = environment;
    }

    public DbStatus status() {
        String[] product = jdbc.read(c -> {
            DatabaseMetaData md = c.getMetaData();
            return new String[] {md.getDatabaseProductName(), md.getDatabaseProductVersion()};
        });
        Map<String, DbStatus.TableStatus> tables = new LinkedHashMap<>();
        for (String table : PartitionMaintenance.TABLES) {
            tables.put(table, jdbc.read(c -> table(c, table)));
        }
        Duration slow = DurationStyle.detectAndParse(environment.getProperty(SLOW_QUERY_PROPERTY, "2s"));
        return new DbStatus(engine(product[0]), product[0] + " " + product[1], pool(), tables, runner.lastResults(),
                slow.toString(), slow.toMillis());
    }

    private DbStatus.TableStatus table(Connection c, String table) throws SQLException {
        long rows = dialect.rowCount(c, table);
        boolean partitioned = dialect.partitioned(c, table);
        List<Partition> partitions = partitioned ? dialect.partitions(c, table) : List.of();
        Long catchAll = null;
        if (partitioned) {
            long n = 0;
            for (Partition p : partitions) {
                if (p.catchAll()) {
                    n += dialect.countRows(c, p);
                }
            }
            catchAll = n;
        }
        return new DbStatus.TableStatus(rows, dialect.rowCountIsEstimate(), partitioned, partitions, catchAll);
    }

    private DbStatus.Pool pool() {
        try {
            if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                return null;
            }
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            HikariPoolMXBean bean = hikari.getHikariPoolMXBean();
            if (bean == null) {
                return new DbStatus.Pool(hikari.getPoolName(), 0, 0, 0, 0, hikari.getMaximumPoolSize());
            }
            return new DbStatus.Pool(hikari.getPoolName(), bean.getActiveConnections(), bean.getIdleConnections(),
                    bean.getTotalConnections(), bean.getThreadsAwaitingConnection(), hikari.getMaximumPoolSize());
        } catch (SQLException e) {
            return null;
        }
    }

    private static String engine(String product) {
        String p = product.toLowerCase(Locale.ROOT);
        return p.contains("sqlite") ? "sqlite" : p.contains("postgres") ? "postgresql" : "mysql";
    }
}
