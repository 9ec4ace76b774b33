package io.billingaccounts.server.security;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import io.billingaccounts.server.mode.DeploymentMode;
import io.billingaccounts.server.web.TokenIssuerForDocs;

/**
 * The embedded mode's token issuer, on only when no issuer is configured: a signing key made at first start and
 * kept in the data directory (so tokens survive restarts), and the decoder that trusts only that key. A live
 * Stripe key refuses to start next to it ({@link DeploymentMode}), since anybody can mint these tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDevelopmentTokens
public class DevelopmentTokens {

    static final String PATH = "/dev/tokens";
    static final String ISSUER = "billing-accounts-development";
    static final String AUDIENCE = "billing-accounts";
    private static final Logger log = LoggerFactory.getLogger(DevelopmentTokens.class);

    /** {@code mode} is asked for so that a live Stripe key beside these tokens is refused first. */
    @Bean
    DevelopmentKeySource developmentKeys(DeploymentMode mode, @Value("${billing.data-dir}") Path dataDir)
            throws IOException, ParseException {
        log.info("Development tokens are on: get one with POST {}", PATH);
        return DevelopmentKeySource.inDirectory(dataDir);
    }

    /** Tells the reference page (package web) where to get a token. */
    @Bean
    TokenIssuerForDocs tokenIssuerForDocs() {
        return new TokenIssuerForDocs(PATH);
    }

    @Bean
    JwtEncoder developmentTokenEncoder(DevelopmentKeySource developmentKeys) {
        return new NimbusJwtEncoder(developmentKeys);
    }

    @Bean
    JwtDecoder developmentTokenDecoder(DevelopmentKeySource developmentKeys) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(developmentKeys).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ISSUER),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(AUDIENCE))));
        return decoder;
    }
}
