package io.billingaccounts.server.mode;

/** The settings must not run: {@code action} tells what to set instead. */
public final class StartupRefused extends RuntimeException {

    private final String action;

    StartupRefused(String reason, String action) {
        super(reason);
        this.action = action;
    }

    String action() {
        return action;
    }
}
