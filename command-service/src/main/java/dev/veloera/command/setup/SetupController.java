package dev.veloera.command.setup;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.user.UserDirectory;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.RandomKeys;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.setup.CompleteSetupCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/setup}: the first run creates the root user; afterwards 409. */
@RestController
class SetupController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetupRequest(String username, String password) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetupResult(long id, String username, int role) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final UserDirectory directory;
    private final PasswordEncoder passwordEncoder;
    private final JdbcTemplate jdbc;

    SetupController(CommandGateway commands, CommandRunner runner, UserDirectory directory,
                    PasswordEncoder passwordEncoder, JdbcTemplate jdbc) {
        this.commands = commands;
        this.runner = runner;
        this.directory = directory;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
    }

    @PostMapping("/api/setup")
    ApiResponse<SetupResult> setup(@RequestBody SetupRequest request) {
        Requests.Credentials credentials = Requests.newCredentials(request.username(), request.password());
        String username = credentials.username();
        String password = credentials.password();
        if (isCompleted()) {
            throw ApiException.conflict("setup_completed", "the system has already been set up");
        }
        String passwordHash = passwordEncoder.encode(password);
        return ApiResponse.ok(runner.inTransaction(() -> {
            long id = directory.claimUsername(username, RandomKeys.alphanumeric(8));
            commands.sendAndWait(new CompleteSetupCommand(CompleteSetupCommand.SETUP_ID, String.valueOf(id),
                    username, passwordHash));
            return new SetupResult(id, username, Roles.ROOT);
        }));
    }

    /** A friendly early answer; the Setup aggregate is what actually refuses a second setup. */
    private boolean isCompleted() {
        Integer events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, CompleteSetupCommand.SETUP_ID);
        return events != null && events > 0;
    }
}
