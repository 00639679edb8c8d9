package dev.veloera.command.config;

import dev.veloera.command.user.LeasePolicy;
import dev.veloera.command.user.ReservationPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Beans the UserAccount aggregate's handlers take as parameters. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    public ReservationPolicy reservationPolicy(CommandServiceProperties properties) {
        return new ReservationPolicy(properties.reservationTtl());
    }

    @Bean
    public LeasePolicy leasePolicy(CommandServiceProperties properties) {
        return new LeasePolicy(properties.leaseTtl());
    }
}
