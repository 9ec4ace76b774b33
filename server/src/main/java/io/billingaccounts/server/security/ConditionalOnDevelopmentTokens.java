package io.billingaccounts.server.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * On only where no key to check tokens with is configured (issuer, JWK set, public key): beside a Stripe emulator,
 * which {@code mode.DeploymentMode} makes sure of.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''"
        + " and '${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}' == ''"
        + " and '${spring.security.oauth2.resourceserver.jwt.public-key-location:}' == ''")
@interface ConditionalOnDevelopmentTokens {
}
