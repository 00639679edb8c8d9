package dev.veloera.command.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * db-scheduler behind Axon's {@code DbSchedulerDeadlineManager} (persistent reservation-expiry
 * deadlines in {@code scheduled_tasks}). The scheduler sees the DataSource through a
 * transaction-aware proxy, so a deadline scheduled by a command joins that command's transaction:
 * on SQLite a second connection would wait for the write lock its own thread holds.
 * Axon's {@code AxonDbSchedulerAutoConfiguration} supplies the tasks and the deadline manager once
 * a {@link Scheduler} bean exists; this class starts the scheduler after the context is up.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfig {

    @Bean
    public Scheduler dbScheduler(DataSource dataSource, List<Task<?>> tasks, CommandServiceProperties properties,
                                 DatabaseEngine engine) {
        // recurring tasks (the periodic channel test) are known through startTasks, which schedules them once
        List<RecurringTask<?>> recurring = tasks.stream().filter(t -> t instanceof RecurringTask<?>)
                .<RecurringTask<?>>map(t -> (RecurringTask<?>) t).toList();
        List<Task<?>> others = tasks.stream().filter(t -> !(t instanceof RecurringTask<?>)).toList();
        SchedulerBuilder builder = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), others);
        if (engine.isSqlite()) {
            builder.jdbcCustomization(new SqliteJdbcCustomization());
        }
        return builder
                .startTasks(recurring)
                .pollingInterval(properties.schedulerPollingInterval())
                .threads(2)
                .commitWhenAutocommitDisabled(false)
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    /** db-scheduler's generic SQL pages with {@code OFFSET ... FETCH FIRST}, which SQLite does not parse. */
    static final class SqliteJdbcCustomization extends DefaultJdbcCustomization {

        SqliteJdbcCustomization() {
            super(true);
        }

        @Override
        public String getName() {
            return "SQLite";
        }

        @Override
        public String getQueryLimitPart(int limit) {
            return " LIMIT " + limit;
        }
    }

    @Bean
    public SmartLifecycle dbSchedulerStarter(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // after the web server and Axon are up, stopped before them
                return Integer.MAX_VALUE - 100;
            }
        };
    }
}
