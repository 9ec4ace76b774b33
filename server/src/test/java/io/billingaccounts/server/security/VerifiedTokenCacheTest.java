package io.billingaccounts.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.threeten.extra.MutableClock;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

/** The cache in front of a real RS256 decoder: what it spares, and what it must never let through. */
class VerifiedTokenCacheTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = MutableClock.of(START, ZoneOffset.UTC);
    private JwtEncoder encoder;
    private JwtEncoder stranger;
    private AtomicInteger verifications;
    private VerifiedTokenCache cache;

    @BeforeEach
    void keys() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("trusted").generate();
        encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
        stranger = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(
                new JWKSet(new RSAKeyGenerator(2048).keyID("trusted").generate())));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        nimbus.setJwtValidator(timestamps);
        verifications = new AtomicInteger();
        JwtDecoder counted = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        cache = new VerifiedTokenCache(counted, clock);
    }

    @Test
    void aTokenVerifiedOnceIsNotVerifiedAgain() {
        String token = token(encoder, "usr_alice", START.plusSeconds(3600));

        Jwt first = cache.decode(token);
        Jwt second = cache.decode(token);

        assertThat(second.getSubject()).isEqualTo("usr_alice");
        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = token(encoder, "usr_alice", START.plusSeconds(60));
        cache.decode(token);

        clock.add(Duration.ofSeconds(61));

        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aForgedTokenIsCheckedAndRefusedEveryTime() {
        String forged = token(stranger, "usr_mallory", START.plusSeconds(3600));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        }
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aTokenIsRememberedByItsExactText() {
        String token = token(encoder, "usr_alice", START.plusSeconds(3600));
        cache.decode(token);
        // A character inside the signature, all six bits of which count: the last character's low bits are padding,
        // which a lenient decoder ignores, so changing it may leave the signature as it was.
        int at = token.length() - 10;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        assertThatThrownBy(() -> cache.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenWithoutExpiryOrSubjectIsRefusedWhateverItsSignature() {
        JwtClaimsSet forever = JwtClaimsSet.builder().subject("usr_alice").issuedAt(START).build();
        JwtClaimsSet nobody = JwtClaimsSet.builder().issuedAt(START).expiresAt(START.plusSeconds(3600)).build();

        for (JwtClaimsSet claims : List.of(forever, nobody)) {
            String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                    claims)).getTokenValue();
            assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
        }
        assertThat(verifications).hasValue(4);
    }

    private String token(JwtEncoder signer, String subject, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(subject).issuedAt(START).expiresAt(expiresAt).build();
        return signer.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }
}
