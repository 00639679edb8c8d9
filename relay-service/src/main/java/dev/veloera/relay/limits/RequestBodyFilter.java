package dev.veloera.relay.limits;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.api.OpenAiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies on the relay's API ({@code /v1/**}, {@code /hf/v1/**}): a gzip body ({@code Content-Encoding: gzip})
 * is decompressed on the way in; a body over {@code veloera.limits.max-request-body} (32 MB, after decompression, so
 * no gzip bomb gets past it) is answered 413 in OpenAI's format, by its Content-Length before reading, or once that
 * many bytes were read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyFilter extends OncePerRequestFilter {

    private final long limit;
    private final ObjectMapper json;

    RequestBodyFilter(LimitsProperties properties, ObjectMapper json) {
        this.limit = properties.maxRequestBody().toBytes();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !(uri.startsWith("/v1/") || uri.startsWith("/hf/v1/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean gzip = "gzip".equalsIgnoreCase(trimmed(request.getHeader("Content-Encoding")));
        if (!gzip && request.getContentLengthLong() > limit) {
            tooLarge(response);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, gzip, limit), response);
        } catch (ServletException | IOException e) {
            if (causedByLimit(e) && !response.isCommitted()) {
                response.reset();
                tooLarge(response);
                return;
            }
            throw e;
        }
    }

    private static boolean causedByLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(OpenAiError.of(GatewayError.REQUEST_TOO_LARGE,
                "The request body is larger than " + limit + " bytes.")));
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    /** The body, decompressed when gzip, counted against the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final boolean gzip;
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, boolean gzip, long limit) {
            super(request);
            this.gzip = gzip;
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream raw = super.getInputStream();
                InputStream source = gzip ? new GZIPInputStream(raw) : raw;
                stream = new CountingStream(source, raw, limit);
            }
            return stream;
        }

        @Override
        public String getHeader(String name) {
            return gzip && "Content-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return gzip && "Content-Encoding".equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                    : super.getHeaders(name);
        }

        @Override
        public int getContentLength() {
            return gzip ? -1 : super.getContentLength();
        }

        @Override
        public long getContentLengthLong() {
            return gzip ? -1 : super.getContentLengthLong();
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            if (!gzip) {
                return super.getHeaderNames();
            }
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(n -> n.equalsIgnoreCase("Content-Encoding") || n.equalsIgnoreCase("Content-Length"));
            return Collections.enumeration(names);
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final InputStream source;
        private final ServletInputStream raw;
        private final long limit;
        private long read;
        private boolean finished;

        CountingStream(InputStream source, ServletInputStream raw, long limit) {
            this.source = source;
            this.raw = raw;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = source.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = source.read(buffer, offset, length);
            count(n);
            return n;
        }

        private void count(int n) throws IOException {
            if (n < 0) {
                finished = true;
                return;
            }
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return raw.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            raw.setReadListener(listener);
        }
    }
}
