package dev.veloera.bench.stacks;

import java.io.IOException;
import java.nio.file.Files;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;

/** Stack 3: one servlet on embedded Tomcat, no Spring; requests on virtual threads, as Boot sets them up. */
final class TomcatServletStack {

    private TomcatServletStack() {
    }

    static void start(int port, RelayHop hop) throws Exception {
        Tomcat tomcat = new Tomcat();
        String base = Files.createTempDirectory("tomcat-servlet").toString();
        tomcat.setBaseDir(base);
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        // what Boot's spring.threads.virtual.enabled does to Tomcat (TomcatVirtualThreadsWebServerFactoryCustomizer)
        ((AbstractProtocol<?>) connector.getProtocolHandler()).setExecutor(new VirtualThreadExecutor("tomcat-handler-"));
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base);
        Tomcat.addServlet(context, "relay", new RelayServlet(hop));
        context.addServletMappingDecoded("/v1/chat/completions", "relay");
        tomcat.start();
    }

    static final class RelayServlet extends HttpServlet {
        private final transient RelayHop hop;

        RelayServlet(RelayHop hop) {
            this.hop = hop;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            RelayHop.Answer answer = hop.relay(request.getInputStream().readAllBytes());
            response.setStatus(answer.status());
            response.setContentType("application/json");
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }
}
