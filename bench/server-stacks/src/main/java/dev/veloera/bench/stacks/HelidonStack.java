package dev.veloera.bench.stacks;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;

/** Stack 6: Helidon SE 4 (its Níma server), which runs every request on a virtual thread of its own. */
final class HelidonStack {

    private HelidonStack() {
    }

    static void start(int port, RelayHop hop) {
        WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.post("/v1/chat/completions", (request, response) -> {
                    RelayHop.Answer answer = hop.relay(request.content().as(byte[].class));
                    response.status(Status.create(answer.status()));
                    response.header(HeaderValues.CONTENT_TYPE_JSON);
                    response.send(answer.body());
                }))
                .build()
                .start();
    }
}
