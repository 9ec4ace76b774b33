package io.billingaccounts.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;

/** {@code POST /dev/tokens {"sub": "usr_alice"}} answers {@code {"token": "<JWT>"}} for that user, valid 12 hours. */
@RestController
@ConditionalOnDevelopmentTokens
public class DevelopmentTokenController {

    // The same rule as the contract's UserId.
    private static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:@|-]{0,127}$");
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final JwtEncoder encoder;

    public DevelopmentTokenController(JwtEncoder encoder) {
        this.encoder = encoder;
    }

    public record TokenRequest(String sub) {
    }

    @PostMapping(DevelopmentTokens.PATH)
    ResponseEntity<Map<String, String>> issue(@RequestBody TokenRequest request) {
        if (request.sub() == null || !USER_ID.matcher(request.sub()).matches()) {
            throw Problem.invalid(List.of(new FieldViolation("sub", "invalid_format",
                    "must be a user id of letters, digits and ._:@|- (at most 128 characters)")));
        }
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(DevelopmentTokens.ISSUER)
                .audience(List.of(DevelopmentTokens.AUDIENCE))
                .subject(request.sub())
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims)).getTokenValue();
        return ResponseEntity.ok(Map.of("token", token));
    }
}
