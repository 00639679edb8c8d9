package dev.veloera.bench.stacks.spring;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.filter.OrderedRequestContextFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.filter.RequestContextFilter;

/**
 * RequestContextFilter has no switch: a bean of its type stops WebMvcAutoConfiguration from adding one, and a
 * disabled registration keeps this one out of the chain (DispatcherServlet binds the request context itself).
 */
@Configuration(proxyBeanMethods = false)
@Profile("lean")
class LeanFilters {

    @Bean
    RequestContextFilter requestContextFilter() {
        return new OrderedRequestContextFilter();
    }

    @Bean
    FilterRegistrationBean<RequestContextFilter> requestContextFilterRegistration(RequestContextFilter filter) {
        FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
