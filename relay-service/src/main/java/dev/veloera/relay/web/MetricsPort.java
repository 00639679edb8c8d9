package dev.veloera.relay.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The relay's metrics ({@code /actuator/prometheus}, {@code /actuator/metrics}) are not served on the public port
 * (3000): they name users' models and volumes. They answer on a second connector,
 * {@code VELOERA_RELAY_METRICS_ADDRESS}:{@code VELOERA_RELAY_METRICS_PORT} (127.0.0.1 and a free port, logged at
 * start, by default, so that several relays on one host never collide; -1 turns it off), and on the public port
 * they are 404 like any unknown path. {@code /actuator/health} stays on the public
 * port for load balancers and the platform's start-up check.
 */
@Component
class MetricsPort extends OncePerRequestFilter implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
        ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(MetricsPort.class);

    private final int port;
    private final String address;
    private volatile Connector connector;

    MetricsPort(@Value("${veloera.metrics-port:0}") int port,
                @Value("${veloera.metrics-address:127.0.0.1}") String address) {
        this.port = port;
        this.address = address;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (port >= 0) {
            Connector metrics = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            metrics.setPort(port);
            metrics.setProperty("address", address);
            factory.addAdditionalTomcatConnectors(metrics);
            connector = metrics;
        }
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        Connector metrics = connector;
        if (metrics != null) {
            log.info("Relay metrics (/actuator/prometheus) on http://{}:{} only", address, metrics.getLocalPort());
        }
    }

    /** The port the metrics connector listens on, -1 when there is none. */
    int localPort() {
        Connector metrics = connector;
        return metrics == null ? -1 : metrics.getLocalPort();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean metrics = path.startsWith("/actuator/prometheus") || path.startsWith("/actuator/metrics");
        if (metrics && (connector == null || request.getLocalPort() != connector.getLocalPort())) {
            response.setStatus(404);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":{\"message\":\"Not found\",\"type\":\"invalid_request_error\","
                    + "\"code\":\"not_found\"}}");
            return;
        }
        chain.doFilter(request, response);
    }
}
