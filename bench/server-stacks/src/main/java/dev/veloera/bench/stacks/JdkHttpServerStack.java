package dev.veloera.bench.stacks;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * Stack 4: the JDK's own HTTP server, each exchange handled on a new virtual thread. Its single dispatcher thread
 * accepts and reads the request line and headers; Stacks' launcher sets sun.net.httpserver.nodelay, without which
 * its small writes wait on Nagle's algorithm.
 */
final class JdkHttpServerStack {

    private JdkHttpServerStack() {
    }

    static void start(int port, RelayHop hop) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                RelayHop.Answer answer = hop.relay(exchange.getRequestBody().readAllBytes());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        });
        server.start();
    }
}
