package dev.veloera.relay.web;

import java.net.http.HttpClient;

import dev.veloera.relay.RelayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One JDK HTTP client for upstream channels, command-service and query-service. */
@Configuration(proxyBeanMethods = false)
class HttpClientConfiguration {

    @Bean(destroyMethod = "close")
    HttpClient relayHttpClient(RelayProperties properties) {
        return HttpClient.newBuilder()
                .connectTimeout(properties.upstream().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
