package dev.veloera.relay.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsPortTest {

    private static MockHttpServletResponse get(MetricsPort filter, String path, int localPort) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setLocalPort(localPort);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void cannotReadMetricsOnThePublicPort() throws Exception {
        MetricsPort filter = new MetricsPort(0, "127.0.0.1");
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(3000);
        filter.customize(factory);
        assertThat(factory.getAdditionalTomcatConnectors()).singleElement()
                .satisfies(c -> assertThat(String.valueOf(c.getProperty("address"))).contains("127.0.0.1"));

        assertThat(get(filter, "/actuator/prometheus", 3000).getStatus()).isEqualTo(404);
        assertThat(get(filter, "/actuator/metrics/jvm.memory.used", 3000).getStatus()).isEqualTo(404);
        assertThat(get(filter, "/actuator/health", 3000).getStatus()).isEqualTo(200);
    }

    @Test
    void canTurnTheMetricsConnectorOff() throws Exception {
        MetricsPort filter = new MetricsPort(-1, "127.0.0.1");
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(3000);
        filter.customize(factory);
        assertThat(factory.getAdditionalTomcatConnectors()).isEmpty();
        assertThat(get(filter, "/actuator/prometheus", 3000).getStatus()).isEqualTo(404);
    }
}
