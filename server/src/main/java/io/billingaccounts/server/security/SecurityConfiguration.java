package io.billingaccounts.server.security;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.web.ProblemWriter;

/**
 * Every API call needs a bearer JWT. Tokens are verified by Spring's resource server: against the issuer's keys in
 * production, against the development key in the embedded mode ({@link DevelopmentTokens}). Refusals use the
 * API's Error schema.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Paths the firewall refuses (encoded slashes, semicolons, NULs) cannot name anything: 404, in our schema. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter errors) {
        return (request, response, rejected) -> errors.write(response, Problem.notFound("resource"));
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemWriter errors, JwtDecoder decoder, Clock clock) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            errors.write(response, new Problem(Problem.Kind.UNAUTHENTICATED, "invalid_token",
                    "A valid bearer token is required."));
        };
        AccessDeniedHandler denied = (request, response, e) -> errors.write(response,
                new Problem(Problem.Kind.FORBIDDEN, "forbidden", "This token may not do this."));
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.cacheControl(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a
                        // Prometheus scrapes without a token; a management port (management.server.port) keeps it
                        // off the public one.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/openapi.yaml", "/docs", "/docs/**", "/webjars/**", "/error").permitAll()
                        // Answered only in the embedded mode; elsewhere it is a plain 404, not a 401.
                        .requestMatchers(HttpMethod.POST, DevelopmentTokens.PATH).permitAll()
                        // Stripe signs its webhook calls; the endpoint checks that signature instead of a token.
                        .requestMatchers(HttpMethod.POST, "/stripe/webhooks").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.decoder(new VerifiedTokenCache(decoder, clock)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .build();
    }
}
