package io.billingaccounts.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.billingaccounts.server.api.model.ErrorDto;

/**
 * Failures that never reach a controller (the servlet container refusing a request, say) in the API's Error
 * schema too, instead of the framework's own error page.
 */
@RestController
public class FallbackErrorController implements ErrorController {

    private final ProblemWriter writer;

    public FallbackErrorController(ProblemWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("/error")
    ResponseEntity<ErrorDto> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return writer.entity(ContainerErrors.problemFor(code instanceof Integer status ? status : 500));
    }
}
