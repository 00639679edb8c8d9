package dev.veloera.query.setup;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.pricing.QuotaMath;
import dev.veloera.query.QueryProperties;
import dev.veloera.query.db.DatabaseEngine;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Locale;

/** Public, unauthenticated: what a front end needs before anyone logs in. */
@RestController
class StatusController {

    private final SetupQueries setup;
    private final QueryProperties properties;
    private final DatabaseEngine engine;
    private final long startTime = Instant.now().getEpochSecond();

    StatusController(SetupQueries setup, QueryProperties properties, DatabaseEngine engine) {
        this.setup = setup;
        this.properties = properties;
        this.engine = engine;
    }

    @GetMapping("/api/status")
    ApiResponse<Status> status() {
        return ApiResponse.ok(new Status(properties.version(), startTime, properties.systemName(), setup.isSetUp(),
                QuotaMath.QUOTA_PER_UNIT, true));
    }

    @GetMapping("/api/setup")
    ApiResponse<SetupState> setupState() {
        return ApiResponse.ok(new SetupState(setup.isSetUp(), setup.rootExists(),
                engine.name().toLowerCase(Locale.ROOT)));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Status(String version, long startTime, String systemName, boolean setup, long quotaPerUnit,
                  boolean displayInCurrency) {
    }

    /** {@code status}: setup completed; {@code root_init}: a root user exists. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetupState(boolean status, boolean rootInit, String databaseType) {
    }
}
