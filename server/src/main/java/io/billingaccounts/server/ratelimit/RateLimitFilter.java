package io.billingaccounts.server.ratelimit;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.web.FilterOrder;
import io.billingaccounts.server.web.ProblemWriter;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Takes a token from the caller's bucket for every authenticated API call; with none left, answers 429 with
 * {@code Retry-After} (whole seconds until the next token, at least 1) in the API's Error schema. Calls without a
 * caller (refused with 401 before this point) and the service's own pages (health, contract, docs, development
 * tokens) are not counted.
 *
 * <p>It runs after Spring Security's chain and before the idempotency filter ({@link FilterOrder}): a refused call
 * never reaches the latter, and a retry with the same {@code Idempotency-Key} after {@code Retry-After} runs for real
 * instead of replaying a stored 429.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Set<String> UNCOUNTED_PATHS = Set.of("/actuator", "/openapi.yaml", "/docs", "/dev/tokens",
            "/error");
    private static final List<String> UNCOUNTED_PREFIXES = List.of("/actuator/", "/docs/", "/webjars/");

    private final CallerBuckets buckets;
    private final ProblemWriter errors;
    private final int requestsPerMinute;

    RateLimitFilter(CallerBuckets buckets, ProblemWriter errors, int requestsPerMinute) {
        this.buckets = buckets;
        this.errors = errors;
        this.requestsPerMinute = requestsPerMinute;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Spring Security's firewall has already refused paths with "..", ";" or encoded slashes.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return UNCOUNTED_PATHS.contains(path) || UNCOUNTED_PREFIXES.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe;
        try {
            probe = buckets.tryConsume(caller.getName());
        } catch (RuntimeException e) {
            // The limit protects the service; a failing limit store must not take the whole API down with it.
            log.warn("Rate limit not checked, the call goes through: {}", e.toString());
            chain.doFilter(request, response);
            return;
        }
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        log.debug("Rate limit reached by {}; retry after {}s", caller.getName(), seconds);
        errors.write(response, new Problem(Problem.Kind.RATE_LIMITED, "rate_limit_exceeded",
                "Too many requests: a caller may make " + requestsPerMinute + " requests a minute. Retry after "
                        + seconds + (seconds == 1 ? " second." : " seconds.")).retryAfter((int) seconds));
    }
}
