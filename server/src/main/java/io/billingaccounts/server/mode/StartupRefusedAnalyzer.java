package io.billingaccounts.server.mode;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says why the settings were refused and what to set, instead of a stack trace. */
class StartupRefusedAnalyzer extends AbstractFailureAnalyzer<StartupRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupRefused cause) {
        return new FailureAnalysis("Refusing to start: " + cause.getMessage(), cause.action(), cause);
    }
}
