package io.billingaccounts.server.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.model.ErrorDto;
import io.billingaccounts.server.api.model.FieldErrorDto;
import io.billingaccounts.server.problem.Problem;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of error bodies: every refusal (controllers, filters, security, the servlet container) becomes
 * the contract's Error from a {@link Problem}, with its status, its type, a {@code doc_url} under one setting,
 * and {@code Retry-After} where a retry can succeed.
 */
@Component
public class ProblemWriter {

    private final String docsBase;
    private final JsonMapper json;

    public ProblemWriter(@Value("${billing.error-docs-base-url}") String docsBase, JsonMapper json) {
        this.docsBase = docsBase;
        this.json = json;
    }

    /** For Spring MVC's exception handlers. */
    public ResponseEntity<ErrorDto> entity(Problem problem) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(statusOf(problem.kind()))
                .contentType(MediaType.APPLICATION_JSON);
        Integer retryAfter = retryAfter(problem);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        return builder.body(body(problem));
    }

    /** For whatever answers outside Spring MVC: filters, security's handlers, the servlet container. */
    public void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(statusOf(problem.kind()).value());
        Integer retryAfter = retryAfter(problem);
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(body(problem)));
    }

    private ErrorDto body(Problem problem) {
        ErrorDto error = new ErrorDto().type(typeOf(problem.kind())).code(problem.code())
                .message(problem.getMessage()).docUrl(URI.create(docsBase + problem.code()));
        error.setErrors(problem.violations().isEmpty() ? null : problem.violations().stream()
                .map(v -> new FieldErrorDto().field(v.field()).code(v.code()).message(v.message()))
                .toList());
        return error;
    }

    /** Stripe failing and contention pass; a failing Stripe is given longer to come back. */
    private static Integer retryAfter(Problem problem) {
        if (problem.retryAfterSeconds() != null) {
            return problem.retryAfterSeconds();
        }
        return switch (problem.kind()) {
            case UPSTREAM_FAILED -> 5;
            case BUSY, UPSTREAM_UNAVAILABLE -> 2;
            default -> null;
        };
    }

    static HttpStatus statusOf(Problem.Kind kind) {
        return switch (kind) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case PAYMENT_REQUIRED -> HttpStatus.PAYMENT_REQUIRED;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
            case UPSTREAM_FAILED -> HttpStatus.BAD_GATEWAY;
            case BUSY, UPSTREAM_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    private static String typeOf(Problem.Kind kind) {
        return switch (kind) {
            case MALFORMED, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE ->
                    "invalid_request_error";
            case UNAUTHENTICATED -> "authentication_error";
            case FORBIDDEN -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case PAYMENT_REQUIRED -> "payment_error";
            case CONFLICT -> "conflict_error";
            case PRECONDITION_FAILED -> "precondition_failed";
            case UNPROCESSABLE -> "unprocessable_entity";
            case RATE_LIMITED -> "rate_limit_error";
            case INTERNAL, BUSY, UPSTREAM_FAILED, UPSTREAM_UNAVAILABLE -> "api_error";
        };
    }
}
