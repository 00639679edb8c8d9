package dev.veloera.relay.upstream;

import java.net.URI;
import java.util.Map;

/**
 * One request to a channel, as its provider wants it: where, with which headers (the credential among them), what.
 *
 * @param contentType of {@code body}; null for a body-less GET
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, String contentType) {

    public static UpstreamRequest post(URI uri, Map<String, String> headers, byte[] body, String contentType) {
        return new UpstreamRequest("POST", uri, headers, body, contentType);
    }

    public static UpstreamRequest postJson(URI uri, Map<String, String> headers, byte[] body) {
        return post(uri, headers, body, "application/json");
    }
}
