package io.billingaccounts.server.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/** On only in the embedded mode: no token issuer and no JWK set are configured. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''"
        + " and '${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}' == ''")
@interface ConditionalOnDevelopmentTokens {
}
