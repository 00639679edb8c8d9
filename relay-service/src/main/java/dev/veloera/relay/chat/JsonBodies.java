package dev.veloera.relay.chat;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.relay.web.RelayException;

/** A JSON request body read as an object, or refused as OpenAI refuses one (400 {@code invalid_request}). */
final class JsonBodies {

    private JsonBodies() {
    }

    static ObjectNode object(ObjectMapper json, byte[] bytes) {
        JsonNode body;
        try {
            body = bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException e) {
            throw invalid("We could not parse the JSON body of your request.");
        }
        if (body == null || !body.isObject()) {
            throw invalid("The request body must be a JSON object.");
        }
        return (ObjectNode) body;
    }

    static RelayException invalid(String message) {
        return new RelayException(GatewayError.INVALID_REQUEST, message);
    }
}
