package io.billingaccounts.server.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request: the {@code sub} of its verified token. */
final class Callers {

    private Callers() {
    }

    static String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("An API operation ran without an authenticated caller");
        }
        return authentication.getName();
    }
}
