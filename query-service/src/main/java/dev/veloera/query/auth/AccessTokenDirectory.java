package dev.veloera.query.auth;

import java.util.Optional;

/** Resolves a management access token to the enabled user holding it. */
public interface AccessTokenDirectory {

    /** The user holding {@code accessToken}, empty when none does; {@code disabled} tells a disabled account apart. */
    Optional<Holder> findByAccessToken(String accessToken);

    record Holder(Caller caller, boolean disabled) {
    }
}
