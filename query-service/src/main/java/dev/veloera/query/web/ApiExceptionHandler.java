package dev.veloera.query.web;

import dev.veloera.contracts.api.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure of the read API as a 4xx/5xx with Veloera's envelope; never HTTP 200 with success=false. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> refused(ApiException e) {
        return ResponseEntity.status(e.status()).body(ApiResponse.failure(e.code(), e.getMessage()));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> badParameter(Exception e) {
        return ResponseEntity.badRequest().body(ApiResponse.failure("invalid_request", e.getMessage()));
    }

    /** Spring MVC's own refusals (unknown path, wrong method, ...) keep their status, in the envelope. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> mvcRefusal(ErrorResponseException e) {
        return mvcRefusal(e.getStatusCode(), e.getBody().getDetail());
    }

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> mvcRefusal(Exception e) {
        ErrorResponse response = (ErrorResponse) e;
        return mvcRefusal(response.getStatusCode(), response.getBody().getDetail());
    }

    private static ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> mvcRefusal(HttpStatusCode status, String detail) {
        String code = switch (status.value()) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            default -> "invalid_request";
        };
        return ResponseEntity.status(status).body(ApiResponse.failure(code, detail == null ? code : detail));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<ApiResponse.ErrorDetail>> unexpected(Exception e) {
        log.error("Read API call failed unexpectedly; check the database connection and the read-model tables", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ApiResponse.failure("internal_error", "internal error"));
    }
}
