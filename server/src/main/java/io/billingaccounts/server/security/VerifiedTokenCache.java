package io.billingaccounts.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Remembers the tokens the decoder accepted, so that a caller's next requests with the same token skip the RSA
 * signature check and claim parsing, the largest share of a read's CPU (bench/RESULTS.md). Only the exact token
 * text is remembered, only until its {@code exp}, and never longer than the decoder keeps the issuer's keys; a
 * token the decoder refused is never remembered, so it is checked, and refused, every time.
 */
final class VerifiedTokenCache implements JwtDecoder {

    // As long as Spring's decoder keeps an issuer's key set: a withdrawn key is trusted here no longer than there.
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    // A remembered token takes 2-3 KB: a thousand callers at a time cost a few MB of a small heap.
    private static final int MAX_TOKENS = 1_000;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt != null && !expired(jwt)) {
            return jwt;
        }
        jwt = decoder.decode(token);
        if (jwt.getExpiresAt() == null || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            // A token that never expires, or names nobody, is no caller's.
            throw new BadJwtException("A token must carry exp and sub");
        }
        verified.put(token, jwt);
        return jwt;
    }

    // The cache's own expiry runs on a ticker of its own; this check holds a hit to the token's exp exactly.
    private boolean expired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && !clock.instant().isBefore(expiresAt);
    }

    private Duration lifetime(Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return MAX_AGE;
        }
        Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : (left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE);
    }
}
