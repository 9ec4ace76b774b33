package io.billingaccounts.server.mode;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Which way the service runs, read from its settings. Embedded (the in-process Stripe emulator, development
 * tokens, the H2 database) only when nothing production-like is set; any production setting without
 * {@code STRIPE_API_KEY} is refused, unless the emulator beside it was asked for by name; so is a Stripe key without
 * its publishable key.
 */
public enum DeploymentMode {
    /** Stripe is the emulator inside this process. */
    EMBEDDED,
    /** Stripe is what {@code STRIPE_API_KEY} (and {@code STRIPE_API_BASE}) name. */
    STRIPE;

    static final String EMULATOR_ON_PURPOSE = "billing.embedded-stripe";

    static DeploymentMode of(Environment env) {
        String key = env.getProperty("stripe.api-key", "");
        boolean keySet = !key.isBlank();
        List<String> production = productionSettings(env);
        if (!keySet && !production.isEmpty() && !env.getProperty(EMULATOR_ON_PURPOSE, Boolean.class, false)) {
            throw new StartupRefused("Production settings are present (" + String.join(", ", production)
                    + ") but STRIPE_API_KEY is not set, so Stripe would be an in-process emulator beside them.",
                    "Set STRIPE_API_KEY (and STRIPE_API_BASE for a Stripe-compatible server other than Stripe). "
                            + "To run the embedded Stripe emulator beside these settings on purpose, set "
                            + EMULATOR_ON_PURPOSE + "=true.");
        }
        boolean developmentTokens = env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "")
                .isBlank() && env.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "").isBlank();
        if (key.startsWith("sk_live_") && developmentTokens) {
            throw new StartupRefused("A live Stripe key (sk_live_...) is set while development tokens are on: "
                    + "anybody could mint a token and bill real customers.",
                    "Configure a token issuer (spring.security.oauth2.resourceserver.jwt.issuer-uri) or use a "
                            + "test key (sk_test_...).");
        }
        if (keySet && env.getProperty("stripe.publishable-key", "").isBlank()) {
            throw new StartupRefused("STRIPE_API_KEY is set but STRIPE_PUBLISHABLE_KEY is not, so browsers could not "
                    + "confirm the setup intents of payment methods.",
                    "Set STRIPE_PUBLISHABLE_KEY to the publishable key (pk_...) of the same Stripe account.");
        }
        return keySet ? STRIPE : EMBEDDED;
    }

    /** The settings that say this is not a developer's machine: a database server, a token issuer. */
    private static List<String> productionSettings(Environment env) {
        List<String> found = new ArrayList<>();
        String url = env.getProperty("spring.datasource.url", "");
        if (!url.isBlank() && !url.startsWith("jdbc:h2:")) {
            found.add("spring.datasource.url=" + url.replaceAll("[?;].*", ""));
        }
        for (String issuer : List.of("spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri")) {
            if (!env.getProperty(issuer, "").isBlank()) {
                found.add(issuer);
            }
        }
        return found;
    }
}
