package dev.veloera.relay.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error answers (what it refuses before Spring sees the request, such as headers over
 * {@code server.max-http-request-header-size}) as OpenAI's error JSON instead of an HTML page.
 */
public class OpenAiErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = status == 400 ? "Bad request: the request line or its headers are malformed or too large."
                : status == 413 ? "The request is too large." : "HTTP " + status;
        String type = status >= 500 ? "veloera_error" : "invalid_request_error";
        String body = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":\""
                + (status == 400 ? "invalid_request" : "http_" + status) + "\"}}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer already started; nothing more to say
        }
    }
}
