package io.billingaccounts.bench.ceiling;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.nimbusds.jose.jwk.JWKSet;
import com.stripe.exception.StripeException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

/**
 * The benchmark's ceiling: what Spring Boot with the service's security costs and nothing else. Every API request
 * needs an RS256 bearer JWT checked like the service checks its development tokens (signature, expiry, issuer,
 * audience); GET of a billing account answers one constant account, without database or Stripe. An organization's
 * limits cannot be answered without reading its tree: that GET does the service's one essential read and no more
 * ({@link OrganizationTree}). A billing account's PATCH and POST do a write's essential I/O and no more: one row
 * committed, one Stripe call, the signed webhook back ({@link WriteCeiling}).
 */
@SpringBootApplication
public class CeilingApplication {

    private static final String ISSUER = "bench-ceiling";
    private static final String AUDIENCE = "billing-accounts";

    /** The service's BillingAccount, constant. */
    public record Address(String country, String line1, String line2, String city, String state,
                          String postal_code) {
    }

    public record BillingAccount(String id, String workspace_id, String name, String email, String phone,
                                 String description, String currency, Address address, String created_at,
                                 String updated_at) {
    }

    public record TokenRequest(String sub) {
    }

    private static final BillingAccount ACCOUNT = new BillingAccount("cus_a1b2c3d4e5f6g7h8", "ws_a1b2c3d4e5f6g7h8",
            "ACME Corp Billing", "billing@acme.com", "+15551234567", "For US-based operations", "usd",
            new Address("US", "123 Main Street", "Suite 456", "San Francisco", "CA", "94105"),
            "2025-10-29T00:40:06.000000Z", "2025-10-29T00:40:06.000000Z");

    public static void main(String[] args) {
        SpringApplication.run(CeilingApplication.class, args);
    }

    @Bean
    RSAKey signingKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
    }

    @Bean
    JwtEncoder jwtEncoder(RSAKey signingKey) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));
    }

    @Bean
    JwtDecoder jwtDecoder(RSAKey signingKey) throws Exception {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(signingKey.toRSAPublicKey()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ISSUER),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(AUDIENCE))));
        return decoder;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/health").permitAll()
                        .requestMatchers(HttpMethod.POST, "/token").permitAll()
                        .requestMatchers(HttpMethod.POST, "/stripe/webhooks").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))
                .build();
    }

    @RestController
    static class Endpoints {

        private final JwtEncoder encoder;
        private final WriteCeiling writes;

        Endpoints(JwtEncoder encoder, WriteCeiling writes) {
            this.encoder = encoder;
            this.writes = writes;
        }

        @GetMapping("/health")
        Map<String, String> health() {
            return Map.of("status", "UP");
        }

        /** {@code POST /token {"sub": "usr_x"}} answers {@code {"token": "<JWT>"}}, valid 12 hours. */
        @PostMapping("/token")
        Map<String, String> token(@RequestBody TokenRequest request) {
            Instant now = Instant.now();
            JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).audience(List.of(AUDIENCE))
                    .subject(request.sub()).issuedAt(now).expiresAt(now.plus(Duration.ofHours(12))).build();
            return Map.of("token", encoder.encode(JwtEncoderParameters.from(
                    JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue());
        }

        @GetMapping("/workspaces/{workspaceId}/billing-accounts/{billingAccountId}")
        ResponseEntity<BillingAccount> get(@PathVariable String workspaceId, @PathVariable String billingAccountId) {
            return ResponseEntity.ok().eTag("\"1\"").body(ACCOUNT);
        }

        /** 404 for any organization but the tree's. */
        @GetMapping("/workspaces/{workspaceId}/organizations/{organizationId}/limits")
        ResponseEntity<OrganizationTree.LimitReport> limits(@PathVariable String workspaceId,
                                                            @PathVariable String organizationId) throws SQLException {
            return ResponseEntity.of(OrganizationTree.limits(workspaceId, organizationId));
        }

        /** The update's essential I/O ({@link WriteCeiling#update}). */
        @PatchMapping("/workspaces/{workspaceId}/billing-accounts/{billingAccountId}")
        ResponseEntity<BillingAccount> update(@PathVariable String workspaceId, @PathVariable String billingAccountId,
                                              @RequestBody Map<String, Object> patch)
                throws SQLException, StripeException {
            return writes.update(workspaceId, billingAccountId, patch);
        }

        /** The create's essential I/O ({@link WriteCeiling#create}). */
        @PostMapping("/workspaces/{workspaceId}/billing-accounts")
        ResponseEntity<BillingAccount> create(@PathVariable String workspaceId, @RequestBody Map<String, Object> body,
                                              @RequestHeader(name = "Idempotency-Key", required = false)
                                              String idempotencyKey) throws SQLException, StripeException {
            return writes.create(workspaceId, body, idempotencyKey);
        }

        /** The emulator's webhooks: signature checked, payload parsed, acknowledged. */
        @PostMapping("/stripe/webhooks")
        ResponseEntity<Void> webhook(@RequestBody String payload,
                                     @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
            return writes.webhook(payload, signature);
        }
    }
}
