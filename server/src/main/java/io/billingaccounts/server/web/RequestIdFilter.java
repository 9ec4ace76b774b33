package io.billingaccounts.server.web;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Gives every request an id, sent back as {@code Request-Id} and carried by every log line of the request. */
@Component
@Order(FilterOrder.REQUEST_ID)
public class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "Request-Id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Unique enough to find a request in the logs; a secure random source would make requests queue on its lock.
        String id = "req_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        response.setHeader(HEADER, id);
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
            // Set by each Stripe call of the request (stripe.PooledStripeHttpClient): no later request carries it.
            MDC.remove("stripeRequestId");
        }
    }
}
