package dev.veloera.query.maintenance;

import dev.veloera.query.db.DatabaseEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Clock;

/** The maintenance jobs, their schedule and the database status, wired for the configured engine. */
@Configuration(proxyBeanMethods = false)
class MaintenanceConfiguration {

    @Bean
    MaintenanceRunner maintenanceRunner(DataSource dataSource, DatabaseEngine engine, MaintenanceProperties properties,
                                        ObjectProvider<MeterRegistry> registry) {
        return Maintenance.create(dataSource, engine, properties, Clock.systemUTC(),
                registry.getIfAvailable(SimpleMeterRegistry::new)).runner();
    }

    @Bean
    LogHistory logHistory(DataSource dataSource, DatabaseEngine engine, MaintenanceProperties properties) {
        return Maintenance.create(dataSource, engine, properties, Clock.systemUTC(), new SimpleMeterRegistry())
                .logHistory();
    }

    @Bean
    MaintenanceScheduler maintenanceScheduler(MaintenanceRunner runner, MaintenanceProperties properties) {
        return new MaintenanceScheduler(runner, properties);
    }

    @Bean
    DbStatusService dbStatusService(DataSource dataSource, DatabaseEngine engine, MaintenanceProperties properties,
                                    MaintenanceRunner runner, Environment environment) {
        MaintenanceDialect dialect = MaintenanceDialect.of(engine);
        return new DbStatusService(dataSource, dialect, new BoundedJdbc(dataSource, dialect, properties), runner,
                environment);
    }
}
