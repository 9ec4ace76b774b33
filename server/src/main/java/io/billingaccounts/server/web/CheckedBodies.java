package io.billingaccounts.server.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The domain's reading of the current request's body, made once by {@link RequestBodyChecks} when every rule
 * passed: a delegate hands it to its service as it is, neither mapping the body again nor having it checked again.
 */
final class CheckedBodies {

    private static final String ATTRIBUTE = CheckedBodies.class.getName();

    private record Reading(Object body, Object domain) {
    }

    private CheckedBodies() {
    }

    static void keep(HttpServletRequest request, Object body, Object domain) {
        request.setAttribute(ATTRIBUTE, new Reading(body, domain));
    }

    /** What {@code body} reads as in the domain; only a body whose rules {@link RequestBodyChecks} runs has one. */
    static <T> T of(Object body, Class<T> type) {
        Object kept = RequestContextHolder.currentRequestAttributes().getAttribute(ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (!(kept instanceof Reading reading) || reading.body() != body) {
            throw new IllegalStateException("No checked reading of this " + body.getClass().getSimpleName());
        }
        return type.cast(reading.domain());
    }
}
