package dev.veloera.contracts.api;

/** OpenAI's error body, used for every {@code /v1/**} failure: {@code {"error": {"message", "type", "code"}}}. */
public record OpenAiError(Body error) {

    public record Body(String message, String type, String code) {
    }

    public static OpenAiError of(GatewayError error, String message) {
        return new OpenAiError(new Body(message, error.type(), error.code()));
    }
}
