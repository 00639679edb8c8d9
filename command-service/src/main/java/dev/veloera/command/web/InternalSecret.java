package dev.veloera.command.web;

import dev.veloera.command.config.CommandServiceProperties;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The shared secret the relay presents on {@code /internal/**} (header {@value ReserveQuotaRequest#SECRET_HEADER}).
 * The built-in default is public (it is in this repository), so a service configured with it, or with none,
 * refuses to start: anyone reaching the port could take leases on any account. The platform passes a fresh
 * random secret to the processes it starts; a test may allow the default with
 * {@code veloera.allow-default-internal-secret=true}.
 */
@Component
public class InternalSecret {

    /** The value in application.yml when {@code VELOERA_INTERNAL_SECRET} is not set. */
    public static final String BUILT_IN_DEFAULT = "veloera-dev-secret";

    private final byte[] secret;

    InternalSecret(CommandServiceProperties properties,
                   @Value("${veloera.allow-default-internal-secret:false}") boolean allowDefault) {
        String configured = properties.internalSecret();
        if (configured == null || configured.isBlank() || (!allowDefault && BUILT_IN_DEFAULT.equals(configured))) {
            throw new IllegalStateException("VELOERA_INTERNAL_SECRET is not set (or is the public default "
                    + BUILT_IN_DEFAULT + "): set it to the same long random value for command-service and every "
                    + "relay-service, or start everything with the platform, which makes one per run");
        }
        this.secret = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Compared in constant time; a wrong or missing secret is 401. */
    public void check(String presented) {
        if (presented == null || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("wrong or missing " + ReserveQuotaRequest.SECRET_HEADER);
        }
    }
}
