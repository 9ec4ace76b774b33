package io.billingaccounts.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link SharedServers} for the jar started as production checks tokens (a JWK set, the audience) beside the
 * embedded emulator, instead of the one with development tokens.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface WithTokenIssuer {

    /** The settings of that start. */
    java.util.List<String> ARGS = java.util.List.of(
            "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
            "--spring.security.oauth2.resourceserver.jwt.audiences=billing-accounts",
            "--billing.embedded-stripe=true");
}
