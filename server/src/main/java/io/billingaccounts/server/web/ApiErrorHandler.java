package io.billingaccounts.server.web;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.billingaccounts.server.api.model.ErrorDto;
import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure of an API call into a {@link Problem} for the {@link ProblemWriter}: 400 for JSON that
 * cannot be read as the schema's types, 422 for values that break a rule, each naming the field. Nothing
 * internal (class names, stack traces) leaks.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final ProblemWriter writer;

    public ApiErrorHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<ErrorDto> problem(Problem problem) {
        if (problem.kind() == Problem.Kind.UPSTREAM_FAILED || problem.kind() == Problem.Kind.UPSTREAM_UNAVAILABLE) {
            log.warn("Stripe call failed: {}", problem.getCause() != null ? problem.getCause().getMessage()
                    : problem.getMessage());
        }
        return writer.entity(problem);
    }

    /** What {@link RequestBodyChecks} let through: a JSON type the schema's field cannot hold, or no JSON. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorDto> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = firstJsonProblem(e);
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = JsonPaths.of(mismatch);
            return writer.entity(Problem.malformed("invalid_json_type", "Field '" + field + "' has the wrong JSON type.",
                    List.of(new FieldViolation(field, "invalid_type", "has the wrong JSON type"))));
        }
        if (cause instanceof MismatchedInputException) {
            return writer.entity(Problem.malformed("invalid_json_type", "The request body must be a JSON object.",
                    List.of()));
        }
        return writer.entity(Problem.malformed("malformed_json", "The request body is missing or not valid JSON.",
                List.of()));
    }

    /** The outermost Jackson failure: it knows the JSON path, which the exceptions it wraps do not. */
    private static Throwable firstJsonProblem(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException || cause instanceof StreamReadException) {
                return cause;
            }
        }
        return e;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorDto> invalidBody(MethodArgumentNotValidException e) {
        return writer.entity(Problem.invalid(
                e.getBindingResult().getFieldErrors().stream().map(ApiErrorHandler::violation).toList()));
    }

    static FieldViolation violation(org.springframework.validation.FieldError error) {
        return new FieldViolation(JsonPaths.ofBeanPath(error.getField()), ruleOf(error.getCode()),
                error.getDefaultMessage());
    }

    /** An id that breaks its pattern cannot name anything: 404. A header that breaks its rule: 422. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ErrorDto> invalidParameter(HandlerMethodValidationException e) {
        List<ParameterValidationResult> results = e.getParameterValidationResults();
        if (results.stream().anyMatch(r -> r.getMethodParameter().hasParameterAnnotation(PathVariable.class))) {
            return writer.entity(Problem.notFound("resource"));
        }
        List<FieldViolation> violations = results.stream().flatMap(r -> r instanceof ParameterErrors body
                ? body.getFieldErrors().stream().map(ApiErrorHandler::violation)
                : r.getResolvableErrors().stream().map(err -> new FieldViolation(headerName(r),
                        ruleOf(err.getCodes() == null ? null : lastCode(err.getCodes())), err.getDefaultMessage())))
                .toList();
        return writer.entity(Problem.invalid(violations));
    }

    /** A query parameter the contract types (a number, an enum) that the request sent as something else. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorDto> mistypedParameter(MethodArgumentTypeMismatchException e) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return writer.entity(Problem.notFound("resource"));
        }
        return writer.entity(Problem.invalid(List.of(new FieldViolation(e.getName(), "invalid_type",
                "is not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName()
                        .toLowerCase(Locale.ROOT))))));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorDto> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return writer.entity(new Problem(Problem.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Content-Type '" + e.getContentType() + "' is not supported; send "
                        + e.getSupportedMediaTypes().get(0) + "."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorDto> notAcceptable() {
        return writer.entity(new Problem(Problem.Kind.NOT_ACCEPTABLE, "not_acceptable",
                "This API answers application/json only."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorDto> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return writer.entity(new Problem(Problem.Kind.METHOD_NOT_ALLOWED, "method_not_allowed",
                "Method " + e.getMethod() + " is not allowed here."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorDto> noSuchPath() {
        return writer.entity(Problem.notFound("resource"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorDto> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return writer.entity(Problem.internal());
    }

    private static String headerName(ParameterValidationResult result) {
        RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
        return header != null ? header.value() : String.valueOf(result.getMethodParameter().getParameterName());
    }

    private static String lastCode(String[] codes) {
        return codes.length == 0 ? null : codes[codes.length - 1];
    }

    /** The rule a bean-validation constraint stands for, in the API's words. */
    static String ruleOf(String constraint) {
        if (constraint == null) {
            return "invalid";
        }
        return switch (constraint) {
            case "NotNull" -> "required";
            case "Size" -> "invalid_length";
            case "Pattern" -> "invalid_format";
            case "Email" -> "invalid_email";
            default -> constraint.toLowerCase(Locale.ROOT);
        };
    }
}
