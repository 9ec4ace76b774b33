package io.billingaccounts.server.web;

import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.billingaccounts.server.api.model.Error;

/**
 * Failures that never reach a controller (the servlet container refusing a request, say) in the API's Error
 * schema too, instead of the framework's own error page.
 */
@RestController
public class FallbackErrorController implements ErrorController {

    private final ApiErrors errors;

    public FallbackErrorController(ApiErrors errors) {
        this.errors = errors;
    }

    @RequestMapping("/error")
    ResponseEntity<Error> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null || status.is5xxServerError()) {
            return errors.response(HttpStatus.INTERNAL_SERVER_ERROR, "api_error", "internal_error",
                    "Something went wrong on our side; quote the Request-Id when reporting it.", List.of());
        }
        if (status == HttpStatus.NOT_FOUND) {
            return errors.response(status, "not_found_error", "resource_not_found", "No such resource.", List.of());
        }
        return errors.response(status, "invalid_request_error", "invalid_request",
                "The request could not be read.", List.of());
    }
}
