package dev.veloera.relay.forward;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which service a management call is forwarded to. */
class ApiForwardRoutingTest {

    @Test
    void readsGoToQueryServiceAndWritesToCommandService() {
        assertThat(ApiForwardController.toQueryService("GET", "/api/user/self")).isTrue();
        assertThat(ApiForwardController.toQueryService("HEAD", "/api/log/")).isTrue();
        assertThat(ApiForwardController.toQueryService("POST", "/api/user/login")).isFalse();
        assertThat(ApiForwardController.toQueryService("PUT", "/api/token/")).isFalse();
        assertThat(ApiForwardController.toQueryService("DELETE", "/api/channel/3")).isFalse();
    }

    @Test
    void maintenanceGoesToQueryServiceWhateverTheMethod() {
        for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}) {
            assertThat(ApiForwardController.toQueryService(method, "/api/maintenance/cleanup")).as(method).isTrue();
            assertThat(ApiForwardController.toQueryService(method, "/api/maintenance")).as(method).isTrue();
        }
        // only that path: a look-alike prefix stays with command-service
        assertThat(ApiForwardController.toQueryService("POST", "/api/maintenance-mode")).isFalse();
        assertThat(ApiForwardController.toQueryService("POST", "/api/status/db")).isFalse();
    }
}
