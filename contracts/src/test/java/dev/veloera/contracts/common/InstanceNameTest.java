package dev.veloera.contracts.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceNameTest {

    @Test
    void configuredNameWins() {
        assertThat(InstanceName.resolve(" relay-a ", "3000")).isEqualTo("relay-a");
    }

    @Test
    void fixedPortGivesTheSameNameAfterARestart() {
        assertThat(InstanceName.resolve("", "8083")).endsWith("-8083").isEqualTo(InstanceName.resolve(null, "8083"));
    }

    @Test
    void randomPortGivesANameNoOtherInstanceHas() {
        assertThat(InstanceName.resolve(null, "0")).isNotEqualTo(InstanceName.resolve(null, "0"));
    }
}
