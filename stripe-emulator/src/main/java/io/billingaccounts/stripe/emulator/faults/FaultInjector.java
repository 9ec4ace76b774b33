package io.billingaccounts.stripe.emulator.faults;

import io.billingaccounts.stripe.emulator.support.RequestPattern;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The faults waiting for /v1 requests. The oldest rule that matches a request hits it and uses up
 * one of its times; a used-up rule is dropped.
 */
public final class FaultInjector {

    private static final class Armed {
        final String id = StripeIds.fault();
        final RequestPattern match;
        final FaultKind kind;
        final int times;
        int remaining;

        Armed(RequestPattern match, FaultKind kind, int times) {
            this.match = match;
            this.kind = kind;
            this.times = times;
            this.remaining = times;
        }

        FaultRule view() {
            return new FaultRule(id, match.toString(), kind, times, remaining);
        }
    }

    private final List<Armed> armed = new ArrayList<>();

    /**
     * @param match "METHOD /path/glob", e.g. "POST /v1/customers/*"
     * @param times how many matching requests the fault hits, at least 1
     */
    public synchronized FaultRule inject(String match, FaultKind kind, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        Armed rule = new Armed(RequestPattern.parse(match), kind, times);
        armed.add(rule);
        return rule.view();
    }

    public synchronized List<FaultRule> list() {
        return armed.stream().map(Armed::view).toList();
    }

    public synchronized void clear() {
        armed.clear();
    }

    /** The fault that hits this request, if any, used up by one. */
    public synchronized Optional<FaultKind> take(String method, String path) {
        for (Iterator<Armed> rules = armed.iterator(); rules.hasNext(); ) {
            Armed rule = rules.next();
            if (rule.match.matches(method, path)) {
                if (--rule.remaining == 0) {
                    rules.remove();
                }
                return Optional.of(rule.kind);
            }
        }
        return Optional.empty();
    }
}
