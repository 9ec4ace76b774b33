package io.billingaccounts.server.web;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;

/**
 * The order of the service's servlet filters, first to last: the one place that declares it. Each filter's
 * registration refers to its constant here.
 */
public final class FilterOrder {

    /** First, so that every log line of a request, refusals included, carries its id. */
    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;

    /** Before anything reads a body: an oversized one is refused unread, the rest kept in memory to be read again. */
    public static final int BODY_SIZE = Ordered.HIGHEST_PRECEDENCE + 10;

    /**
     * Spring Security's filter chain, which Spring Boot registers at this order ({@code spring.security.filter.order}
     * is left at its default): the filters below need the authenticated caller.
     */
    public static final int SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER;

    /** Counts authenticated calls only, and before idempotency, so that a retry after a 429 runs for real. */
    public static final int RATE_LIMIT = SECURITY + 1;

    /** After security, because a key belongs to the authenticated caller. */
    public static final int IDEMPOTENCY = SECURITY + 2;

    private FilterOrder() {
    }
}
