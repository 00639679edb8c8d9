package dev.veloera.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The public edge: {@code /v1/**} relayed to upstream channels, {@code /api/**} forwarded to the services. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RelayServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RelayServiceApplication.class, args);
    }
}
