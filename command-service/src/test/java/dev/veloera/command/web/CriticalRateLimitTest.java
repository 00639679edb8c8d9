package dev.veloera.command.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CriticalRateLimitTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T06:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final CriticalRateLimit limit = new CriticalRateLimit(clock, 20, Duration.ofMinutes(20));

    @Test
    void canMakeTwentyAttemptsThenIsRefusedWith429UntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 20; i++) {
            limit.acquire("198.51.100.7");
            now.set(now.get().plusSeconds(30));
        }
        assertThatThrownBy(() -> limit.acquire("198.51.100.7"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("too_many_requests");
                });
        limit.acquire("198.51.100.8");
        now.set(Instant.parse("2026-11-29T06:20:00.001Z"));
        limit.acquire("198.51.100.7");
        assertThatThrownBy(() -> limit.acquire("198.51.100.7")).isInstanceOf(ApiException.class);
    }

    @Test
    void countsTheAddressTheRelayAppendedNotWhatTheClientClaims() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("127.0.0.1");
        assertThat(CriticalRateLimit.clientAddress(request)).isEqualTo("127.0.0.1");
        request.addHeader("X-Forwarded-For", "1.2.3.4, 203.0.113.5");
        assertThat(CriticalRateLimit.clientAddress(request)).isEqualTo("203.0.113.5");
    }
}
