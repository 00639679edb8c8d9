package dev.veloera.relay.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The relay's HTTP edges: CORS on the API, as Veloera allows it (any origin, method and header, credentials), so
 * browser clients can call it, as a servlet filter so that it covers the chat servlet as well as Spring MVC, and the
 * relay's own error answers (a 413 of the body limit) too; Tomcat's own error answers (a request whose headers are
 * too large never reaches Spring) in OpenAI's JSON instead of an HTML page ({@link OpenAiErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
class RelayWebConfiguration {

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter() {
        CorsConfiguration open = new CorsConfiguration();
        open.addAllowedOriginPattern("*");
        open.addAllowedMethod("*");
        open.addAllowedHeader("*");
        open.addExposedHeader("X-Veloera-Request-Id");
        open.setAllowCredentials(true);
        open.setMaxAge(86_400L);
        UrlBasedCorsConfigurationSource paths = new UrlBasedCorsConfigurationSource();
        for (String path : new String[] {"/v1/**", "/hf/v1/**", "/dashboard/**"}) {
            paths.registerCorsConfiguration(path, open);
        }
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(paths) {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return request.getHeader("Origin") == null; // not a browser's cross-origin call: nothing to add
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> openAiErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(OpenAiErrorReportValve.class.getName());
            }
        });
    }
}
