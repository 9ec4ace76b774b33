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

/**
 * The embedded mode's token issuer, on only when no issuer is configured: a signing key made at first start and
 * kept in the data directory (so tokens survive restarts), and the decoder that trusts only that key. A live
 * Stripe key refuses to start next to it, since anybody can mint these tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDevelopmentTokens
public class DevelopmentTokens {

    public static final String PATH = "/dev/tokens";
    static final String ISSUER = "billing-accounts-development";
    static final String AUDIENCE = "billing-accounts";
    private static final Logger log = LoggerFactory.getLogger(DevelopmentTokens.class);

    @Bean
    DevelopmentKeySource developmentKeys(@Value("${billing.data-dir}") Path dataDir,
                                         @Value("${stripe.api-key:}") String stripeKey)
            throws IOException, ParseException {
        if (stripeKey.startsWith("sk_live_")) {
            throw new IllegalStateException("Refusing to start: a live Stripe key (sk_live_...) is set while "
                    + "development tokens are on. Configure a token issuer "
                    + "(spring.security.oauth2.resourceserver.jwt.issuer-uri) or use a test key.");
        }
        log.info("Development tokens are on: get one with POST {}", PATH);
        return DevelopmentKeySource.inDirectory(dataDir);
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
