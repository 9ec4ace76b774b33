package io.billingaccounts.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link SharedServers} for the jar started with these settings instead of none: one start per test JVM for
 * every test that names the same ones.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface StartedWith {

    /** Checking tokens as production does (a JWK set, the audience), beside the embedded emulator. */
    String TOKEN_ISSUER = "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks";
    String AUDIENCE = "--spring.security.oauth2.resourceserver.jwt.audiences=billing-accounts";
    String EMBEDDED_STRIPE = "--billing.embedded-stripe=true";
    /** Each caller may make 20 calls a minute. */
    String RATE_LIMITED = "--billing.rate-limit.requests-per-minute=20";

    String[] value();
}
