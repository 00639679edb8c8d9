package dev.veloera.relay.catalog;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.catalog.CatalogTopic;
import dev.veloera.relay.web.RelayException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A relay serves {@code /v1/**} only once its catalog is loaded: before that, every key would look unknown. Until
 * then {@code /v1/**} answers 503 in OpenAI's format (with {@code Retry-After}) and the health indicator
 * {@code catalog} is down, so {@code /actuator/health} answers 503 and a load balancer keeps the relay out.
 * {@code /api/**} is forwarded meanwhile: it does not use the catalog. Spring MVC's endpoints are checked by an
 * interceptor, the chat servlet's by {@link #admit} itself.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogReadiness implements WebMvcConfigurer {

    private final Catalog catalog;

    CatalogReadiness(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                admit(response);
                return true;
            }
        }).addPathPatterns("/v1/**");
    }

    /** Refuses the request (503, {@code Retry-After: 1}) until the catalog is loaded. */
    public void admit(HttpServletResponse response) {
        if (!catalog.loaded()) {
            response.setHeader("Retry-After", "1");
            throw new RelayException(GatewayError.INTERNAL_ERROR, 503,
                    "The relay is still loading its catalog; retry in a moment.");
        }
    }

    @Bean
    HealthIndicator catalogHealthIndicator() {
        return () -> (catalog.loaded() ? Health.up() : Health.down())
                .withDetail("topic", CatalogTopic.NAME)
                .withDetail("loaded", catalog.loaded())
                .withDetail("records", catalog.recordsApplied())
                .build();
    }
}
