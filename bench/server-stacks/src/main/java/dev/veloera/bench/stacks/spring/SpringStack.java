package dev.veloera.bench.stacks.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * Stacks 1 and 2: Spring Boot MVC on Tomcat with virtual threads, set up as relay-service is (application.properties),
 * with Boot's default filters; the "lean" profile takes away what configuration can take away (application-lean.properties,
 * LeanFilters).
 */
@SpringBootApplication
public class SpringStack {

    public static void start(int port, String upstream, boolean lean) {
        SpringApplication application = new SpringApplication(SpringStack.class);
        if (lean) {
            application.setAdditionalProfiles("lean");
        }
        var context = (ServletWebServerApplicationContext) application.run("--server.port=" + port,
                "--upstream.url=" + upstream);
        // which filters each request passes through, for the report (Driver prints this line)
        System.out.println("filters: " + context.getServletContext().getFilterRegistrations().keySet());
    }
}
