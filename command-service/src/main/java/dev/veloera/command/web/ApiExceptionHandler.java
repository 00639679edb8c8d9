package dev.veloera.command.web;

import dev.veloera.command.DomainException;
import dev.veloera.contracts.api.ApiResponse;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure of the management API as a 4xx/5xx {@link ApiResponse#failure} envelope. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> unreadable(HttpMessageNotReadableException e) {
        if (find(e, BodySizeLimit.BodyTooLargeException.class) != null) {
            return tooLarge();
        }
        return failure(400, "invalid_request", "the request body is not valid JSON of the expected shape");
    }

    @ExceptionHandler(BodySizeLimit.BodyTooLargeException.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> tooLarge() {
        return failure(413, "payload_too_large", "the request body is larger than " + BodySizeLimit.MAX_BYTES + " bytes");
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> badParameter(Exception e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return failure(400, "invalid_request", "bad or missing parameter " + name);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> notFound(Exception e) {
        return failure(404, "not_found", "no such route");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> mediaType(HttpMediaTypeNotSupportedException e) {
        return failure(415, "invalid_request", "send the request body as application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> method(HttpRequestMethodNotSupportedException e) {
        return failure(405, "method_not_allowed", e.getMessage());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> header(MissingRequestHeaderException e) {
        return failure(401, "unauthorized", "missing header " + e.getHeaderName());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> any(Exception e) {
        DomainException refusal = find(e, DomainException.class);
        if (refusal != null) {
            return failure(refusal.httpStatus(), refusal.code(), refusal.getMessage());
        }
        if (find(e, AggregateNotFoundException.class) != null) {
            return failure(404, "not_found", "no such record");
        }
        log.error("Request failed unexpectedly; the change was rolled back", e);
        return failure(500, "internal_error", "internal error, see the command-service log");
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> failure(int status, String code, String message) {
        return ResponseEntity.status(status).body(ApiResponse.failure(code, message));
    }
}
