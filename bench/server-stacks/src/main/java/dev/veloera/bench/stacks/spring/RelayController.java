package dev.veloera.bench.stacks.spring;

import java.io.IOException;

import dev.veloera.bench.stacks.RelayHop;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The hop as a controller: the body taken as bytes (the hop parses it itself, as on every other stack). */
@RestController
class RelayController {

    private final RelayHop hop;

    RelayController(@Value("${upstream.url}") String upstream) {
        this.hop = RelayHop.fromArgs(upstream);
    }

    @PostMapping("/v1/chat/completions")
    ResponseEntity<byte[]> relay(@RequestBody byte[] body) throws IOException {
        RelayHop.Answer answer = hop.relay(body);
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }
}
