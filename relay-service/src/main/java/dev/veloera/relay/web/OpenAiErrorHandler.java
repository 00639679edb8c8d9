package dev.veloera.relay.web;

import java.util.zip.ZipException;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.api.OpenAiError;
import dev.veloera.relay.limits.BodyTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure on {@code /v1/**} leaves in OpenAI's error shape; elsewhere in the management envelope. */
@RestControllerAdvice
class OpenAiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrorHandler.class);

    @ExceptionHandler({RelayException.class, BodyTooLargeException.class, ZipException.class})
    ResponseEntity<Object> refused(Exception e, HttpServletRequest request) {
        RelayFailure failure = RelayFailure.of(e);
        return respond(request, failure.status(), failure.error(), failure.message());
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<Object> notFound(Exception e, HttpServletRequest request) {
        return respond(request, 404, GatewayError.INVALID_REQUEST,
                "Invalid URL (" + request.getMethod() + " " + request.getRequestURI() + ")");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(request, 405, GatewayError.INVALID_REQUEST,
                "Method " + request.getMethod() + " is not allowed on " + request.getRequestURI());
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeException e, HttpServletRequest request) {
        return respond(request, 415, GatewayError.INVALID_REQUEST, e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        RelayFailure failure = RelayFailure.UNEXPECTED;
        return respond(request, failure.status(), failure.error(), failure.message());
    }

    private static ResponseEntity<Object> respond(HttpServletRequest request, int status, GatewayError error,
                                                  String message) {
        String uri = request.getRequestURI();
        Object body = uri.startsWith("/v1/") || uri.startsWith("/hf/v1/") || uri.startsWith("/dashboard/")
                ? OpenAiError.of(error, message)
                : ApiResponse.failure(error.code(), message);
        return ResponseEntity.status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
