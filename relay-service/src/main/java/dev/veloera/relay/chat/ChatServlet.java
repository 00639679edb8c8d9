package dev.veloera.relay.chat;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.relay.catalog.CatalogReadiness;
import dev.veloera.relay.web.RelayException;
import dev.veloera.relay.web.RelayFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/messages}, the relay's busiest endpoints, on a plain servlet of
 * the embedded Tomcat instead of behind Spring MVC's DispatcherServlet: doing the same hop, the DispatcherServlet
 * path cost ~80 µs more at p50 and ~40 % more CPU per request than a bare servlet (bench/server-stacks.sh,
 * docs/benchmarks.md). The servlet filters apply as before (body limits, CORS, the {@code /hf/v1} alias); what Spring
 * MVC did for these two paths is done here: the catalog's readiness check, 405 for any other method, and every
 * refusal answered in the client's own format (Anthropic's on {@code /v1/messages}) and counted by status and code
 * ({@code veloera.relay.refused}). The relay's other endpoints stay on Spring MVC.
 */
final class ChatServlet extends HttpServlet {

    static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    static final String MESSAGES = "/v1/messages";
    private static final String ALLOWED = "POST, OPTIONS";

    private static final Logger log = LoggerFactory.getLogger(ChatServlet.class);

    private final transient ChatCompletions chat;
    private final transient Messages messages;
    private final transient CatalogReadiness readiness;
    private final transient ErrorWriter errors;
    private final transient MeterRegistry meters;
    /** The refusal counter per status and code, looked up once rather than in the registry on every refusal. */
    private final transient Map<String, Counter> refusals = new ConcurrentHashMap<>();

    ChatServlet(ChatCompletions chat, Messages messages, CatalogReadiness readiness, ErrorWriter errors,
                MeterRegistry meters) {
        this.chat = chat;
        this.messages = messages;
        this.readiness = readiness;
        this.errors = errors;
        this.meters = meters;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean messagesApi = MESSAGES.equals(request.getServletPath());
        try {
            if ("OPTIONS".equals(request.getMethod())) { // a CORS preflight was answered by the CORS filter already
                response.setHeader("Allow", ALLOWED);
                return;
            }
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", ALLOWED);
                throw new RelayException(GatewayError.INVALID_REQUEST, 405,
                        "Method " + request.getMethod() + " is not allowed on " + request.getRequestURI());
            }
            readiness.admit(response);
            if (messagesApi) {
                messages.serve(request, response);
            } else {
                chat.serve(request, response);
            }
        } catch (RuntimeException | IOException e) {
            refuse(request, response, messagesApi ? ClientFormat.ANTHROPIC : ClientFormat.OPENAI, e);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ClientFormat format, Exception e)
            throws IOException {
        RelayFailure failure = RelayFailure.of(e);
        if (failure.unexpected()) {
            log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        if (response.isCommitted()) { // a stream under way ended its own way (and was recorded): not a refusal
            log.debug("Failure after the answer began on {}: {}", request.getRequestURI(), e.toString());
            return;
        }
        refusals.computeIfAbsent(failure.status() + "|" + failure.error().code(),
                k -> meters.counter("veloera.relay.refused", "status", Integer.toString(failure.status()),
                        "code", failure.error().code())).increment();
        errors.write(response, format, failure.status(), failure.error(), failure.message());
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        ServletRegistrationBean<ChatServlet> chatServlet(ChatCompletions chat, Messages messages,
                                                         CatalogReadiness readiness, ErrorWriter errors,
                                                         MeterRegistry meters) {
            ServletRegistrationBean<ChatServlet> registration = new ServletRegistrationBean<>(
                    new ChatServlet(chat, messages, readiness, errors, meters), CHAT_COMPLETIONS, MESSAGES);
            registration.setName("chatServlet");
            registration.setLoadOnStartup(1);
            return registration;
        }
    }
}
