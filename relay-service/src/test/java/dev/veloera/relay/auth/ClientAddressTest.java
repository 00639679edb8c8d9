package dev.veloera.relay.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheSocketsPeerIsTheClient() {
        ClientAddress address = new ClientAddress(new ClientAddressProperties(""));
        assertThat(address.of("198.51.100.4", "10.0.0.1")).isEqualTo("198.51.100.4");
    }

    @Test
    void aTrustedProxysForwardedForNamesTheClient() {
        ClientAddress address = new ClientAddress(new ClientAddressProperties("10.0.0.0/8, ::1"));
        assertThat(address.of("10.0.0.2", "203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(address.of("::1", "203.0.113.5")).isEqualTo("203.0.113.5");
    }

    @Test
    void onlyTheRightMostUntrustedHopIsBelieved() {
        ClientAddress address = new ClientAddress(new ClientAddressProperties("10.0.0.0/8"));
        assertThat(address.of("10.0.0.2", "1.2.3.4, 203.0.113.5, 10.0.0.9")).isEqualTo("203.0.113.5");
    }

    @Test
    void anUntrustedPeersForwardedForIsIgnored() {
        ClientAddress address = new ClientAddress(new ClientAddressProperties("10.0.0.0/8"));
        assertThat(address.of("198.51.100.4", "10.0.0.1")).isEqualTo("198.51.100.4");
        assertThat(address.of("10.0.0.2", null)).isEqualTo("10.0.0.2");
    }
}
