package dev.veloera.query.maintenance;

import dev.veloera.query.auth.AccessTokenDirectory;
import dev.veloera.query.support.WebTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(MaintenanceController.class)
class MaintenanceControllerTest {

    private static final JobResult LOGS = new JobResult("logs", "admin:1", 1_767_225_600L, 12, 7, 0, 2,
            Map.of("logs", new JobResult.TableResult(7, List.of(), List.of("p202601", "p202602"), null)), true, List.of());

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccessTokenDirectory directory;
    @MockitoBean
    MaintenanceRunner runner;
    @MockitoBean
    DbStatusService dbStatus;

    @BeforeEach
    void tokens() {
        WebTestSupport.knownTokens(directory);
    }

    @Test
    void adminRunsOneJobAndGetsWhatItRemoved() throws Exception {
        given(runner.runNow(List.of(MaintenanceJob.LOGS), "admin:1")).willReturn(Optional.of(List.of(LOGS)));

        mvc.perform(post("/api/maintenance/cleanup").header(AUTHORIZATION, WebTestSupport.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"job\": \"logs\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.data.rows_deleted").value(7))
                .andExpect(jsonPath("$.data.partitions_dropped").value(2))
                .andExpect(jsonPath("$.data.duration_ms").value(12))
                .andExpect(jsonPath("$.data.jobs[0].job").value("logs"))
                .andExpect(jsonPath("$.data.jobs[0].tables.logs.partitions_dropped[1]").value("p202602"));
    }

    @Test
    void allRunsEveryJobInOrder() throws Exception {
        given(runner.runNow(any(), anyString())).willReturn(Optional.of(List.of()));

        mvc.perform(post("/api/maintenance/cleanup").header(AUTHORIZATION, WebTestSupport.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"job\": \"all\"}"))
                .andExpect(status().isOk());
        verify(runner).runNow(List.of(MaintenanceJob.PARTITIONS, MaintenanceJob.LOGS, MaintenanceJob.EXPIRED_TOKENS,
                MaintenanceJob.DELETED_USERS), "admin:1");
    }

    @Test
    void refusesUnknownJobsCommonUsersAndStrangers() throws Exception {
        mvc.perform(post("/api/maintenance/cleanup").header(AUTHORIZATION, WebTestSupport.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"job\": \"everything\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.data.code").value("invalid_request"));
        mvc.perform(post("/api/maintenance/cleanup").header(AUTHORIZATION, WebTestSupport.ADMIN))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/maintenance/cleanup").header(AUTHORIZATION, WebTestSupport.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{job: logs"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.data.code").value("invalid_request"));
        mvc.perform(post("/api/maintenance/cleanup").header(AUTHORIZATION, WebTestSupport.USER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"job\": \"logs\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.data.code").value("forbidden"));
        mvc.perform(post("/api/maintenance/cleanup")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"job\": \"logs\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/status/db").header(AUTHORIZATION, WebTestSupport.USER)).andExpect(status().isForbidden());
        mvc.perform(get("/api/status/db")).andExpect(status().isUnauthorized());
        verifyNoInteractions(runner, dbStatus);
    }

    @Test
    void aRunAlreadyGoingOnIsAConflict() throws Exception {
        given(runner.runNow(any(), anyString())).willReturn(Optional.empty());

        mvc.perform(post("/api/maintenance/cleanup").header(AUTHORIZATION, WebTestSupport.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"job\": \"expired_tokens\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.data.code").value("maintenance_running"));
    }

    @Test
    void adminReadsTheDatabaseStatus() throws Exception {
        given(dbStatus.status()).willReturn(new DbStatus("postgresql", "PostgreSQL 15.2",
                new DbStatus.Pool("HikariPool-1", 1, 3, 4, 0, 4),
                Map.of("logs", new DbStatus.TableStatus(1200, true, true,
                        List.of(new Partition("logs", "logs_p202611", 1_793_491_200L, 1_796_083_200L, false, 1200),
                                new Partition("logs", "logs_pdefault", null, null, true, 0)), 0L)),
                Map.of("logs", LOGS), "PT2S", 2000));

        mvc.perform(get("/api/status/db").header(AUTHORIZATION, WebTestSupport.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.engine").value("postgresql"))
                .andExpect(jsonPath("$.data.pool.active").value(1))
                .andExpect(jsonPath("$.data.pool.pending").value(0))
                .andExpect(jsonPath("$.data.pool.max").value(4))
                .andExpect(jsonPath("$.data.tables.logs.catch_all_rows").value(0))
                .andExpect(jsonPath("$.data.tables.logs.partitions[0].from").value(1_793_491_200L))
                .andExpect(jsonPath("$.data.tables.logs.partitions[1].catch_all").value(true))
                .andExpect(jsonPath("$.data.last_maintenance.logs.rows_deleted").value(7))
                .andExpect(jsonPath("$.data.slow_query_threshold").value("PT2S"));
    }
}
