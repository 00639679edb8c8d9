package dev.veloera.command.web;

import dev.veloera.command.config.CommandServiceProperties;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The shared secret the relay presents on {@code /internal/**} (header {@value ReserveQuotaRequest#SECRET_HEADER}). */
@Component
public class InternalSecret {

    private final byte[] secret;

    InternalSecret(CommandServiceProperties properties) {
        this.secret = properties.internalSecret().getBytes(StandardCharsets.UTF_8);
    }

    /** Compared in constant time; a wrong or missing secret is 401. */
    public void check(String presented) {
        if (presented == null || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("wrong or missing " + ReserveQuotaRequest.SECRET_HEADER);
        }
    }
}
