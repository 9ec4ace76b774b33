package io.billingaccounts.server.mode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Which way the service runs, read from its settings. Embedded (the in-process Stripe emulator, development
 * tokens, the H2 database) only when nothing production-like is set; any production setting without
 * {@code STRIPE_API_KEY} is refused, unless the emulator beside it was asked for by name; so is a Stripe key without
 * its publishable key. Development tokens exist only beside a Stripe emulator: a live or restricted-live key, or a
 * key for Stripe itself, without a token issuer is refused; any token key setting (issuer, JWK set, public key)
 * turns them off and needs the audience tokens must carry.
 */
public enum DeploymentMode {
    /** Stripe is the emulator inside this process. */
    EMBEDDED,
    /** Stripe is what {@code STRIPE_API_KEY} (and {@code STRIPE_API_BASE}) name. */
    STRIPE;

    static final String EMULATOR_ON_PURPOSE = "billing.embedded-stripe";
    static final String CATCH_UP_ONLY = "stripe.events.catch-up-only";
    private static final String JWT = "spring.security.oauth2.resourceserver.jwt.";
    private static final String ISSUER = JWT + "issuer-uri";
    private static final String AUDIENCES = JWT + "audiences";
    private static final List<String> TOKEN_KEYS = List.of(ISSUER, JWT + "jwk-set-uri", JWT + "public-key-location");

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
        List<String> tokenKeys = tokenKeySettings(env);
        if (!tokenKeys.isEmpty() && env.getProperty(AUDIENCES, "").isBlank()) {
            throw new StartupRefused("Tokens are checked against " + String.join(", ", tokenKeys) + " but no audience"
                    + " is configured (" + AUDIENCES + "), so a token the issuer made for any other service would be"
                    + " accepted here.",
                    "Set " + AUDIENCES + " to this service's audience (for example billing-accounts).");
        }
        if (keySet && tokenKeys.isEmpty()) {
            // Development tokens exist only beside a Stripe emulator: anybody may mint one for any user id.
            if (key.startsWith("sk_live_") || key.startsWith("rk_live_")) {
                throw new StartupRefused("A live Stripe key (" + key.substring(0, 8) + "...) is set while development"
                        + " tokens are on: anybody could mint a token and bill real customers.",
                        "Configure a token issuer (" + ISSUER + ") or use a test key with a Stripe emulator.");
            }
            if (!besideAnEmulator(env)) {
                throw new StartupRefused("A Stripe key for Stripe itself is set without a token issuer, so anybody"
                        + " could mint a development token and act for any user with that Stripe account.",
                        "Configure a token issuer (" + ISSUER + "), or point STRIPE_API_BASE at a Stripe emulator.");
            }
        }
        if (keySet && env.getProperty("stripe.webhook-secret", "").isBlank()
                && !env.getProperty(CATCH_UP_ONLY, Boolean.class, false)) {
            throw new StartupRefused("STRIPE_API_KEY is set but STRIPE_WEBHOOK_SECRET is not, so changes made in"
                    + " Stripe (renewals, cancellations, cards) would reach the API only through catch-up, which"
                    + " nobody asked for (" + CATCH_UP_ONLY + ").",
                    "Point a Stripe webhook endpoint at /stripe/webhooks and set STRIPE_WEBHOOK_SECRET to its signing"
                            + " secret, or set STRIPE_CATCH_UP_ONLY=true to follow Stripe through catch-up alone.");
        }
        if (keySet && env.getProperty("stripe.publishable-key", "").isBlank()) {
            throw new StartupRefused("STRIPE_API_KEY is set but STRIPE_PUBLISHABLE_KEY is not, so browsers could not "
                    + "confirm the setup intents of payment methods.",
                    "Set STRIPE_PUBLISHABLE_KEY to the publishable key (pk_...) of the same Stripe account.");
        }
        return keySet ? STRIPE : EMBEDDED;
    }

    /** The settings that give Spring's resource server the keys tokens are checked with: any turns development tokens off. */
    static List<String> tokenKeySettings(Environment env) {
        return TOKEN_KEYS.stream().filter(setting -> !env.getProperty(setting, "").isBlank()).toList();
    }

    /** A Stripe-compatible server other than Stripe itself (an emulator) is what {@code STRIPE_API_BASE} names. */
    private static boolean besideAnEmulator(Environment env) {
        String base = env.getProperty("stripe.api-base", "");
        if (base.isBlank()) {
            return false;
        }
        String host = URI.create(base.trim()).getHost();
        return host != null && !host.equals("stripe.com") && !host.endsWith(".stripe.com");
    }

    /** The settings that say this is not a developer's machine: a database server, a token issuer. */
    private static List<String> productionSettings(Environment env) {
        List<String> found = new ArrayList<>();
        String url = env.getProperty("spring.datasource.url", "");
        if (!url.isBlank() && !url.startsWith("jdbc:h2:")) {
            found.add("spring.datasource.url=" + url.replaceAll("[?;].*", ""));
        }
        found.addAll(tokenKeySettings(env));
        return found;
    }
}
