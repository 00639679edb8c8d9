package dev.veloera.relay.forward;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.relay.RelayProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The management API behind the edge: each request goes to query-service or command-service as
 * {@link ApiRoutes} decides, with method, path, query, headers and body as they came, and the
 * answer's status, headers and body passed back.
 */
@RestController
class ApiForwardController {

    private static final Logger log = LoggerFactory.getLogger(ApiForwardController.class);

    /** Hop-by-hop headers, and those the JDK client sets itself and refuses to take. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings", "x-forwarded-for", "x-forwarded-proto");

    private final HttpClient http;
    private final RelayProperties properties;
    private final ObjectMapper json;

    ApiForwardController(HttpClient relayHttpClient, RelayProperties properties, ObjectMapper json) {
        this.http = relayHttpClient;
        this.properties = properties;
        this.json = json;
    }

    @RequestMapping("/api/**")
    void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        boolean read = ApiRoutes.toQueryService(method, request.getRequestURI());
        URI base = read ? properties.queryUrl() : properties.commandUrl();
        String query = request.getQueryString();
        URI target = URI.create(stripSlash(base.toString()) + request.getRequestURI() + (query == null ? "" : "?" + query));

        byte[] body = request.getInputStream().readAllBytes();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(properties.upstream().forwardTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .method(method, body.length == 0 && read ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    builder.header(name, value);
                }
            }
        }
        builder.header("X-Forwarded-For", forwardedFor(request));
        builder.header("X-Forwarded-Proto", request.getScheme());

        HttpResponse<byte[]> answer;
        try {
            answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("{} {} could not be forwarded to {}: {}", method, request.getRequestURI(), base, e.toString());
            byte[] error = json.writeValueAsBytes(ApiResponse.failure("service_unavailable",
                    (read ? "query" : "command") + " service is unreachable"));
            response.setStatus(502);
            response.setContentType("application/json");
            response.setContentLength(error.length);
            response.getOutputStream().write(error);
            return;
        }
        response.setStatus(answer.statusCode());
        for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || NOT_FORWARDED.contains(lower) || lower.equals("date") || lower.equals("server")) {
                continue;
            }
            for (String value : header.getValue()) {
                response.addHeader(name, value);
            }
        }
        if (!method.equals("HEAD")) {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }

    private static String forwardedFor(HttpServletRequest request) {
        String earlier = request.getHeader("X-Forwarded-For");
        return earlier == null || earlier.isBlank() ? request.getRemoteAddr() : earlier + ", " + request.getRemoteAddr();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
