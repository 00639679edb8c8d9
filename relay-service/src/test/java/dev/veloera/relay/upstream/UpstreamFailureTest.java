package dev.veloera.relay.upstream;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamFailureTest {

    private static UpstreamFailure of(int status, String body) {
        return UpstreamFailure.of(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void retriesRateLimitsServerErrorsAndConnectionFailuresButNotTimeouts() {
        assertThat(of(429, "{}").retryable()).isTrue();
        assertThat(of(500, "{}").retryable()).isTrue();
        assertThat(of(503, "{}").retryable()).isTrue();
        assertThat(of(307, "{}").retryable()).isTrue();
        assertThat(of(504, "{}").retryable()).isFalse();
        assertThat(of(524, "{}").retryable()).isFalse();
        assertThat(of(400, "{}").retryable()).isFalse();
        assertThat(of(401, "{}").retryable()).isFalse();
        assertThat(UpstreamFailure.unreachable(false, "refused").retryable()).isTrue();
        assertThat(UpstreamFailure.unreachable(true, "read timed out").retryable()).isFalse();
    }

    @Test
    void readsTheErrorOfEveryProvidersShape() {
        UpstreamFailure openAi = of(401, "{\"error\":{\"message\":\"Incorrect API key\",\"type\":\"invalid_request_error\","
                + "\"code\":\"invalid_api_key\"}}");
        assertThat(openAi.code()).isEqualTo("invalid_api_key");
        assertThat(openAi.errorCode()).isEqualTo("upstream_401:invalid_api_key");

        UpstreamFailure claude = of(403, "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\","
                + "\"message\":\"Your credit balance is too low\"}}");
        assertThat(claude.type()).isEqualTo("permission_error");
        assertThat(claude.lowerMessage()).contains("credit balance is too low");

        UpstreamFailure gemini = of(403, "{\"error\":{\"code\":403,\"message\":\"API key not valid\","
                + "\"status\":\"PERMISSION_DENIED\"}}");
        assertThat(gemini.type()).isEqualTo("PERMISSION_DENIED");
        assertThat(gemini.message()).isEqualTo("API key not valid");

        UpstreamFailure html = of(502, "<html>Bad gateway</html>");
        assertThat(html.parsed()).isNull();
        assertThat(html.message()).contains("Bad gateway");
        assertThat(html.errorCode()).isEqualTo("upstream_502");
    }
}
