package dev.veloera.relay.provider;

/**
 * A request the channel's provider has the endpoint for but cannot serve as asked (say an embeddings request for a
 * chat model on a Gemini channel): the client's to change, refused before any upstream call.
 */
public class UnsupportedRequestException extends RuntimeException {

    public UnsupportedRequestException(String message) {
        super(message);
    }
}
