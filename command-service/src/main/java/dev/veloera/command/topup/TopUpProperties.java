package dev.veloera.command.topup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param orderTtl how long an order waits for its payment before its deadline cancels it
 *                 ({@code veloera.topup.order-ttl}, environment {@code VELOERA_TOPUP_ORDERTTL})
 */
@ConfigurationProperties("veloera.topup")
public record TopUpProperties(@DefaultValue("PT1H") Duration orderTtl) {
}
