package io.billingaccounts.server.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.billingaccounts.server.basics.Sha256;
import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.store.IdempotencyKeys;
import io.billingaccounts.server.store.IdempotencyRecord;
import io.billingaccounts.server.store.KeyAnswer;

/**
 * Makes a POST with an {@code Idempotency-Key} safe to retry. Keys belong to the caller and live 24 hours. The
 * first request's answer is kept unless it is a 5xx or asks to retry later (Retry-After), after which a retry runs
 * again: either nothing was done, or Stripe may hold the change, and then the retry is the same Stripe write (the
 * key makes the create's write id, {@code writes.StripeWrites#create}) and gets what the first made. The same key
 * with another request is a 422; a retry while the first still runs is a 409 with Retry-After. Who holds a key, on
 * one instance or many, is {@link IdempotencyKeys}'s to say.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";

    private final IdempotencyKeys keys;
    private final ProblemWriter errors;
    private final Clock clock;

    public IdempotencyFilter(IdempotencyKeys keys, ProblemWriter errors, Clock clock) {
        this.keys = keys;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String key = request.getHeader(HEADER);
        if (caller == null || !caller.isAuthenticated() || key.isEmpty() || key.length() > 255) {
            chain.doFilter(request, response);
            return;
        }
        IdempotencyKeys.Claim claim = keys.claim(caller.getName(), key, hash(request), Timestamps.now(clock));
        switch (claim.outcome()) {
            case RUN -> run(caller.getName(), key, request, response, chain);
            case REPLAY -> replay(claim.answer(), response);
            case IN_USE -> inProgress(response);
            case REUSED -> errors.write(response, new Problem(Problem.Kind.UNPROCESSABLE, "idempotency_key_reused",
                    "This Idempotency-Key was used with another request; use a new key for a new request."));
        }
    }

    private void run(String caller, String key, HttpServletRequest request, HttpServletResponse response,
                     FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        try {
            chain.doFilter(request, recorded);
            int status = recorded.getStatus();
            // An answer that asks to retry later (a 409 while an earlier try's outcome is learned) answers nothing
            // of the request: kept, it would answer every retry of the key the same way for 24 hours.
            if (status < 500 && recorded.getHeader(HttpHeaders.RETRY_AFTER) == null) {
                keys.answer(caller, key, new KeyAnswer(status,
                        new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8),
                        recorded.getHeader(HttpHeaders.ETAG)));
                answered = true;
            }
        } finally {
            if (!answered) {
                keys.release(caller, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static void replay(IdempotencyRecord record, HttpServletResponse response) throws IOException {
        response.setStatus(record.responseStatus());
        response.setHeader("Idempotent-Replayed", "true");
        if (record.responseEtag() != null) {
            response.setHeader(HttpHeaders.ETAG, record.responseEtag());
        }
        if (record.responseBody() != null && !record.responseBody().isEmpty()) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(record.responseBody().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void inProgress(HttpServletResponse response) throws IOException {
        errors.write(response, new Problem(Problem.Kind.CONFLICT, "idempotency_key_in_use",
                "A request with this Idempotency-Key is still running; retry in a moment.").retryAfter(1));
    }

    /** The request that a key stands for: method, path and the exact body. */
    private static String hash(HttpServletRequest request) throws IOException {
        return Sha256.hex((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8),
                request.getInputStream().readAllBytes());
    }
}
