package io.billingaccounts.server.web;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.billingaccounts.server.api.model.Error;
import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Every failure of an API call in the one Error schema: 400 for JSON that cannot be read as the schema's types,
 * 422 for values that break a rule, each naming the field. Nothing internal (class names, stack traces) leaks.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final ApiErrors errors;

    public ApiErrorHandler(ApiErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<Error> problem(Problem problem) {
        if (problem.kind() == Problem.Kind.UPSTREAM_FAILED || problem.kind() == Problem.Kind.UPSTREAM_UNAVAILABLE) {
            log.warn("Stripe call failed: {}", problem.getCause() != null ? problem.getCause().getMessage() : "");
        }
        return errors.response(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Error> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = firstJsonProblem(e);
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = JsonPaths.of(unknown);
            if (field.equals("currency")) {
                return invalid(field, "immutable", "cannot be changed: the currency is fixed at creation");
            }
            return invalid(field, "unknown_field", "is not a field of this request");
        }
        if (cause instanceof InvalidNullException nul) {
            return invalid(JsonPaths.of(nul), "not_nullable", "must not be null");
        }
        if (cause instanceof ValueInstantiationException enumValue && !enumValue.getPath().isEmpty()
                || cause instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return invalid(JsonPaths.of((DatabindException) cause), "invalid_value",
                    "must be one of the documented values");
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = JsonPaths.of(mismatch);
            return errors.response(HttpStatus.BAD_REQUEST, "invalid_request_error", "invalid_json_type",
                    "Field '" + field + "' has the wrong JSON type.",
                    List.of(new FieldViolation(field, "invalid_type", "has the wrong JSON type")));
        }
        if (cause instanceof MismatchedInputException) {
            return errors.response(HttpStatus.BAD_REQUEST, "invalid_request_error", "invalid_json_type",
                    "The request body must be a JSON object.", List.of());
        }
        return errors.response(HttpStatus.BAD_REQUEST, "invalid_request_error", "malformed_json",
                "The request body is missing or not valid JSON.", List.of());
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
    ResponseEntity<Error> invalidBody(MethodArgumentNotValidException e) {
        return errors.response(Problem.invalid(
                e.getBindingResult().getFieldErrors().stream().map(ApiErrorHandler::violation).toList()));
    }

    private static FieldViolation violation(org.springframework.validation.FieldError error) {
        return new FieldViolation(JsonPaths.ofBeanPath(error.getField()), ruleOf(error.getCode()),
                error.getDefaultMessage());
    }

    /** An id that breaks its pattern cannot name anything: 404. A header that breaks its rule: 422. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Error> invalidParameter(HandlerMethodValidationException e) {
        List<ParameterValidationResult> results = e.getParameterValidationResults();
        if (results.stream().anyMatch(r -> r.getMethodParameter().hasParameterAnnotation(PathVariable.class))) {
            return errors.response(Problem.notFound("resource"));
        }
        List<FieldViolation> violations = results.stream().flatMap(r -> r instanceof ParameterErrors body
                ? body.getFieldErrors().stream().map(ApiErrorHandler::violation)
                : r.getResolvableErrors().stream().map(err -> new FieldViolation(headerName(r),
                        ruleOf(err.getCodes() == null ? null : lastCode(err.getCodes())), err.getDefaultMessage())))
                .toList();
        return errors.response(Problem.invalid(violations));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Error> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return errors.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request_error", "unsupported_media_type",
                "Content-Type '" + e.getContentType() + "' is not supported; send "
                        + e.getSupportedMediaTypes().get(0) + ".", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Error> notAcceptable() {
        return errors.response(HttpStatus.NOT_ACCEPTABLE, "invalid_request_error", "not_acceptable",
                "This API answers application/json only.", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Error> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return errors.response(HttpStatus.METHOD_NOT_ALLOWED, "invalid_request_error", "method_not_allowed",
                "Method " + e.getMethod() + " is not allowed here.", List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Error> noSuchPath() {
        return errors.response(Problem.notFound("resource"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Error> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return errors.response(HttpStatus.INTERNAL_SERVER_ERROR, "api_error", "internal_error",
                "Something went wrong on our side; quote the Request-Id when reporting it.", List.of());
    }

    private ResponseEntity<Error> invalid(String field, String code, String message) {
        return errors.response(Problem.invalid(List.of(new FieldViolation(field, code, message))));
    }

    private static String headerName(ParameterValidationResult result) {
        var header = result.getMethodParameter()
                .getParameterAnnotation(org.springframework.web.bind.annotation.RequestHeader.class);
        return header != null ? header.value() : String.valueOf(result.getMethodParameter().getParameterName());
    }

    private static String lastCode(String[] codes) {
        return codes.length == 0 ? null : codes[codes.length - 1];
    }

    /** The rule a bean-validation constraint stands for, in the API's words. */
    private static String ruleOf(String constraint) {
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
