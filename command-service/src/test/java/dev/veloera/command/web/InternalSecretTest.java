package dev.veloera.command.web;

import dev.veloera.command.config.CommandServiceProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalSecretTest {

    private static CommandServiceProperties secret(String value) {
        return new CommandServiceProperties(value, Duration.ofMinutes(15), Duration.ofMinutes(2), 250,
                Duration.ofSeconds(5), 3);
    }

    @Test
    void cannotStartWithTheBuiltInOrABlankSecret() {
        assertThatThrownBy(() -> new InternalSecret(secret(InternalSecret.BUILT_IN_DEFAULT), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("VELOERA_INTERNAL_SECRET");
        assertThatThrownBy(() -> new InternalSecret(secret(" "), true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void canStartWithAnOwnSecretOrTheDefaultWhenATestAllowsIt() {
        assertThatCode(() -> new InternalSecret(secret("3f9c1e0b7a5d4c2e8f6a1b3c5d7e9f0a"), false)).doesNotThrowAnyException();
        assertThatCode(() -> new InternalSecret(secret(InternalSecret.BUILT_IN_DEFAULT), true)).doesNotThrowAnyException();
    }
}
