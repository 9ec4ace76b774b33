package io.billingaccounts.server.web;

import io.billingaccounts.server.problem.Problem;

/** The problem behind a status the servlet container chose by itself, before any of our code ran. */
final class ContainerErrors {

    private ContainerErrors() {
    }

    static Problem problemFor(int status) {
        if (status >= 500) {
            return Problem.internal();
        }
        if (status == 404) {
            return Problem.notFound("resource");
        }
        return Problem.malformed("invalid_request", "The request could not be read.", java.util.List.of());
    }
}
