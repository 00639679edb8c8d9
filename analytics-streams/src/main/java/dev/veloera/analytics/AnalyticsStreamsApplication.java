package dev.veloera.analytics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Kafka Streams application {@code veloera-analytics}: usage events into {@code logs} and {@code quota_data}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalyticsStreamsApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnalyticsStreamsApplication.class, args);
    }
}
