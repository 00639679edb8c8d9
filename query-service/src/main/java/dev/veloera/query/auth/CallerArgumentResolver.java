package dev.veloera.query.auth;

import dev.veloera.query.web.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Supplies {@link Caller} parameters from {@code Authorization: Bearer <access_token>}; a missing
 * or unknown token is 401, a disabled account 403. Veloera also accepts the token without the
 * {@code Bearer} prefix, and so does this.
 */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private static final String BEARER = "bearer ";

    private final AccessTokenDirectory directory;

    CallerArgumentResolver(AccessTokenDirectory directory) {
        this.directory = directory;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        String token = bearer(webRequest.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw ApiException.unauthorized("not logged in: send Authorization: Bearer <access_token>");
        }
        AccessTokenDirectory.Holder holder = directory.findByAccessToken(token)
                .orElseThrow(() -> ApiException.unauthorized("invalid access token"));
        if (holder.disabled()) {
            throw ApiException.forbidden("user is disabled");
        }
        return holder.caller();
    }

    static String bearer(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            value = value.substring(BEARER.length()).strip();
        }
        return value.isEmpty() ? null : value;
    }
}
