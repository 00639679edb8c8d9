package dev.veloera.relay.auth;

import dev.veloera.contracts.catalog.AllowedAddresses;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The address a request comes from: the socket's peer, unless that peer is a trusted proxy
 * ({@link ClientAddressProperties#trustedProxies()}); then the right-most {@code X-Forwarded-For} entry that is not a
 * trusted proxy itself (entries left of it could be written by the client, so they are never believed).
 */
@Component
public class ClientAddress {

    private final AllowedAddresses trustedProxies;

    ClientAddress(ClientAddressProperties properties) {
        this.trustedProxies = properties == null ? AllowedAddresses.parse("")
                : AllowedAddresses.parse(properties.trustedProxies());
    }

    /** The client address of the request being handled on this thread, or null outside a request. */
    public String current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? of(servlet.getRequest()) : null;
    }

    String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }

    String of(String peer, String forwardedFor) {
        if (trustedProxies.allowsAny() || peer == null || !trustedProxies.permits(peer) || forwardedFor == null
                || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty()) {
                continue;
            }
            client = hop;
            if (!trustedProxies.permits(hop)) {
                break;
            }
        }
        return client;
    }
}
