package dev.veloera.relay.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The relay's HTTP edges: CORS on the API, as Veloera allows it (any origin, method and header, credentials), so
 * browser clients can call it; Tomcat's own error answers (a request whose headers are too large never reaches
 * Spring) in OpenAI's JSON instead of an HTML page ({@link OpenAiErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
class RelayWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        for (String path : new String[] {"/v1/**", "/hf/v1/**", "/dashboard/**"}) {
            registry.addMapping(path).allowedOriginPatterns("*").allowedMethods("*").allowedHeaders("*")
                    .exposedHeaders("X-Veloera-Request-Id").allowCredentials(true).maxAge(86_400);
        }
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
