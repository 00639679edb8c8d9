package dev.veloera.query.maintenance;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Admin endpoints of the read-model maintenance. The relay sends {@code /api/maintenance/**} here for
 * every method (other non-GET {@code /api/**} calls go to command-service).
 */
@RestController
class MaintenanceController {

    private final MaintenanceRunner runner;
    private final DbStatusService status;

    MaintenanceController(MaintenanceRunner runner, DbStatusService status) {
        this.runner = runner;
        this.status = status;
    }

    /** Runs one job ({@code partitions}, {@code logs}, {@code expired_tokens}, {@code deleted_users}) or {@code all} now. */
    @PostMapping("/api/maintenance/cleanup")
    ApiResponse<CleanupReport> cleanup(Caller caller, @RequestBody(required = false) CleanupRequest request) {
        caller.requireAdmin();
        String name = request == null || request.job() == null ? null : request.job().strip();
        List<MaintenanceJob> jobs = MaintenanceJob.parse(name).orElseThrow(() -> new ApiException(
                HttpStatus.BAD_REQUEST, "invalid_request",
                "job must be one of partitions, logs, expired_tokens, deleted_users, all"));
        List<JobResult> results = runner.runNow(jobs, "admin:" + caller.id()).orElseThrow(() -> new ApiException(
                HttpStatus.CONFLICT, "maintenance_running", "a maintenance run is already going on; try again later"));
        return ApiResponse.ok(CleanupReport.of(results));
    }

    @GetMapping("/api/status/db")
    ApiResponse<DbStatus> databaseStatus(Caller caller) {
        caller.requireAdmin();
        return ApiResponse.ok(status.status());
    }

    /** A body that is not JSON is the caller's mistake, not an internal error. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(ApiResponse.failure("invalid_request",
                "send {\"job\": \"partitions\"|\"logs\"|\"expired_tokens\"|\"deleted_users\"|\"all\"}"));
    }

    record CleanupRequest(String job) {
    }
}
