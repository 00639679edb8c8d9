package dev.veloera.analytics.sink;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    static SqliteDataDirectory sqliteDataDirectory() {
        return new SqliteDataDirectory();
    }
}
