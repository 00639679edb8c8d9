package dev.veloera.relay.forward;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which service a management call is forwarded to. */
class ApiForwardRoutingTest {

    @Test
    void readsGoToQueryServiceAndWritesToCommandService() {
        assertThat(ApiRoutes.toQueryService("GET", "/api/user/self")).isTrue();
        assertThat(ApiRoutes.toQueryService("HEAD", "/api/log/")).isTrue();
        assertThat(ApiRoutes.toQueryService("POST", "/api/user/login")).isFalse();
        assertThat(ApiRoutes.toQueryService("PUT", "/api/token/")).isFalse();
        assertThat(ApiRoutes.toQueryService("DELETE", "/api/channel/3")).isFalse();
    }

    @Test
    void deletingHistoryLogsGoesToQueryService() {
        assertThat(ApiRoutes.toQueryService("DELETE", "/api/log/")).isTrue();
        assertThat(ApiRoutes.toQueryService("DELETE", "/api/log")).isTrue();
        assertThat(ApiRoutes.toQueryService("POST", "/api/log/")).isFalse();
    }

    @Test
    void maintenanceGoesToQueryServiceWhateverTheMethod() {
        for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}) {
            assertThat(ApiRoutes.toQueryService(method, "/api/maintenance/cleanup")).as(method).isTrue();
            assertThat(ApiRoutes.toQueryService(method, "/api/maintenance")).as(method).isTrue();
        }
        // only that path: a look-alike prefix stays with command-service
        assertThat(ApiRoutes.toQueryService("POST", "/api/maintenance-mode")).isFalse();
        assertThat(ApiRoutes.toQueryService("POST", "/api/status/db")).isFalse();
    }

    @Test
    void getsWithSideEffectsGoToTheCommandService() {
        assertThat(ApiRoutes.toQueryService("GET", "/api/user/token")).isFalse();
        assertThat(ApiRoutes.toQueryService("GET", "/api/user/epay/notify")).isFalse();
        assertThat(ApiRoutes.toQueryService("GET", "/api/channel/test/4")).isFalse();
        assertThat(ApiRoutes.toQueryService("GET", "/api/channel/update_balance")).isFalse();
        assertThat(ApiRoutes.toQueryService("GET", "/api/user/token/other")).isTrue();
        assertThat(ApiRoutes.toQueryService("GET", "/api/channel/4")).isTrue();
    }
}
