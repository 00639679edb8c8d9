package dev.veloera.contracts.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedAddressesTest {

    @Test
    void blankAllowsEveryAddress() {
        assertThat(AllowedAddresses.parse("").permits("203.0.113.9")).isTrue();
        assertThat(AllowedAddresses.parse(null).allowsAny()).isTrue();
    }

    @Test
    void canMatchSingleIpv4AddressesOnePerLine() {
        AllowedAddresses allowed = AllowedAddresses.parse("10.0.0.1\n 192.168.1.7 ");
        assertThat(allowed.permits("10.0.0.1")).isTrue();
        assertThat(allowed.permits("192.168.1.7")).isTrue();
        assertThat(allowed.permits("10.0.0.2")).isFalse();
    }

    @Test
    void canMatchIpv4Ranges() {
        AllowedAddresses allowed = AllowedAddresses.parse("10.1.0.0/16,172.16.5.128/25");
        assertThat(allowed.permits("10.1.255.3")).isTrue();
        assertThat(allowed.permits("10.2.0.1")).isFalse();
        assertThat(allowed.permits("172.16.5.200")).isTrue();
        assertThat(allowed.permits("172.16.5.127")).isFalse();
    }

    @Test
    void canMatchIpv6AddressesAndRanges() {
        AllowedAddresses allowed = AllowedAddresses.parse("2001:db8::/32\n::1");
        assertThat(allowed.permits("2001:db8:0:1::5")).isTrue();
        assertThat(allowed.permits("2001:db9::1")).isFalse();
        assertThat(allowed.permits("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(allowed.permits("127.0.0.1")).isFalse();
    }

    @Test
    void canMatchIpv4MappedClientAddressesAgainstIpv4Entries() {
        assertThat(AllowedAddresses.parse("127.0.0.0/8").permits("::ffff:127.0.0.1")).isTrue();
    }

    @Test
    void cannotParseHostNamesOrBadRanges() {
        assertThat(AllowedAddresses.isValid("example.com")).isFalse();
        assertThat(AllowedAddresses.isValid("10.0.0.256")).isFalse();
        assertThat(AllowedAddresses.isValid("10.0.0.0/33")).isFalse();
        assertThat(AllowedAddresses.isValid("2001:db8::/129")).isFalse();
        assertThat(AllowedAddresses.isValid("10.0.0.0/x")).isFalse();
        assertThatThrownBy(() -> AllowedAddresses.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cannotPermitANonLiteralClientAddress() {
        assertThat(AllowedAddresses.parse("10.0.0.1").permits("unknown")).isFalse();
    }
}
