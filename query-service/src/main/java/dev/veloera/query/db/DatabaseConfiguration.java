package dev.veloera.query.db;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    DatabaseEngine databaseEngine(DataSource dataSource) {
        return DatabaseEngine.of(dataSource);
    }
}
