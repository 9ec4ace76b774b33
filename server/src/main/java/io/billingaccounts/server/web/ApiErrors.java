package io.billingaccounts.server.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.model.Error;
import io.billingaccounts.server.api.model.FieldError;
import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;
import tools.jackson.databind.json.JsonMapper;

/** Builds the one Error body of the contract, for controllers and for filters that answer before them. */
@Component
public class ApiErrors {

    private final String docsBase;
    private final JsonMapper json;

    public ApiErrors(@Value("${billing.error-docs-base-url:https://docs.altostrat.io/errors/}") String docsBase,
                     JsonMapper json) {
        this.docsBase = docsBase;
        this.json = json;
    }

    public ResponseEntity<Error> response(HttpStatus status, String type, String code, String message,
                                          List<FieldViolation> violations) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.BAD_GATEWAY || status == HttpStatus.SERVICE_UNAVAILABLE) {
            builder.header(HttpHeaders.RETRY_AFTER, status == HttpStatus.BAD_GATEWAY ? "5" : "2");
        }
        return builder.body(body(type, code, message, violations));
    }

    public ResponseEntity<Error> response(Problem problem) {
        return response(statusOf(problem.kind()), typeOf(problem.kind()), problem.code(), problem.getMessage(),
                problem.violations());
    }

    /** For filters and security handlers, which answer outside Spring MVC. */
    public void write(HttpServletResponse response, HttpStatus status, String type, String code, String message)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body(type, code, message, List.of())));
    }

    private Error body(String type, String code, String message, List<FieldViolation> violations) {
        Error error = new Error().type(type).code(code).message(message).docUrl(URI.create(docsBase + code));
        error.setErrors(violations.isEmpty() ? null : violations.stream()
                .map(v -> new FieldError().field(v.field()).code(v.code()).message(v.message()))
                .toList());
        return error;
    }

    private static HttpStatus statusOf(Problem.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UPSTREAM_FAILED -> HttpStatus.BAD_GATEWAY;
            case BUSY, UPSTREAM_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    private static String typeOf(Problem.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> "not_found_error";
            case FORBIDDEN -> "permission_error";
            case CONFLICT -> "conflict_error";
            case PRECONDITION_FAILED -> "precondition_failed";
            case UNPROCESSABLE -> "unprocessable_entity";
            case BUSY, UPSTREAM_FAILED, UPSTREAM_UNAVAILABLE -> "api_error";
        };
    }
}
