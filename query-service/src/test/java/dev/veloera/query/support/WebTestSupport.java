package dev.veloera.query.support;

import dev.veloera.query.auth.AccessTokenDirectory;
import dev.veloera.query.auth.Caller;

import java.util.Optional;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

/** Bearer tokens for {@code @WebMvcTest} slices: {@code user-token} (id 42), {@code admin-token} (id 1, admin), {@code disabled-token}. */
public final class WebTestSupport {

    public static final String USER = "Bearer user-token";
    public static final String ADMIN = "Bearer admin-token";
    public static final String DISABLED = "Bearer disabled-token";

    private WebTestSupport() {
    }

    public static void knownTokens(AccessTokenDirectory directory) {
        given(directory.findByAccessToken(anyString())).willReturn(Optional.empty());
        given(directory.findByAccessToken("user-token"))
                .willReturn(Optional.of(new AccessTokenDirectory.Holder(new Caller(42, "alice", 1), false)));
        given(directory.findByAccessToken("admin-token"))
                .willReturn(Optional.of(new AccessTokenDirectory.Holder(new Caller(1, "admin", 10), false)));
        given(directory.findByAccessToken("disabled-token"))
                .willReturn(Optional.of(new AccessTokenDirectory.Holder(new Caller(43, "bob", 1), true)));
    }
}
