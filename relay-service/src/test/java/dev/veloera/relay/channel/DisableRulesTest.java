package dev.veloera.relay.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.veloera.contracts.channel.ChannelTypes;
import dev.veloera.relay.catalog.RelayOptions;
import dev.veloera.relay.upstream.UpstreamFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DisableRulesTest {

    private static RelayOptions options(boolean autoDisable) {
        return new RelayOptions(0, autoDisable, List.of("you exceeded your current quota", "organization has been disabled"),
                false, Duration.ofMinutes(1), 0, 0, Map.of(), null, true, true);
    }

    private static UpstreamFailure of(int status, String body) {
        return UpstreamFailure.of(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void disablesOnVeloerasRulesOnlyWhenEnabled() {
        RelayOptions on = options(true);
        int openAi = ChannelTypes.OPENAI_COMPATIBLE;
        assertThat(DisableRules.reason(on, openAi, of(401, "{}"))).startsWith("HTTP 401");
        assertThat(DisableRules.reason(options(false), openAi, of(401, "{}"))).isNull();
        assertThat(DisableRules.reason(on, openAi, of(400, "{\"error\":{\"code\":\"account_deactivated\","
                + "\"message\":\"deactivated\"}}"))).isNotNull();
        assertThat(DisableRules.reason(on, openAi, of(429, "{\"error\":{\"type\":\"insufficient_quota\","
                + "\"message\":\"no money\"}}"))).isNotNull();
        assertThat(DisableRules.reason(on, openAi, of(429, "{\"error\":{\"message\":\"You exceeded your current "
                + "quota, please check your plan\"}}"))).isNotNull();
        assertThat(DisableRules.reason(on, ChannelTypes.ANTHROPIC_CLAUDE, of(401, "{\"type\":\"error\",\"error\":"
                + "{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"))).isNotNull();
        // 403 alone disables Gemini channels only
        assertThat(DisableRules.reason(on, ChannelTypes.GEMINI, of(403, "{}"))).isNotNull();
        assertThat(DisableRules.reason(on, openAi, of(403, "{}"))).isNull();
        // an ordinary rate limit or server error keeps the channel
        assertThat(DisableRules.reason(on, openAi, of(429, "{\"error\":{\"message\":\"Rate limit reached\"}}"))).isNull();
        assertThat(DisableRules.reason(on, openAi, of(500, "{}"))).isNull();
        assertThat(DisableRules.reason(on, openAi, UpstreamFailure.unreachable(false, "refused"))).isNull();
    }
}
