package io.billingaccounts.stripe.emulator.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an injected fault does to the request it hits. */
public enum FaultKind {
    /** A Stripe {@code api_error} 500; nothing is done. */
    HTTP_500,
    /** A Stripe 429 with code {@code rate_limit}; nothing is done. */
    HTTP_429,
    /** No answer for longer than any client waits (until the emulator stops); nothing is done. */
    TIMEOUT,
    /**
     * The connection is closed without an answer; nothing is done. Java's HttpURLConnection (under
     * stripe-java) silently sends a request again once when that happens: to show a client the
     * reset, arm it for two requests.
     */
    RESET,
    /**
     * The request is carried out but answered with a 500: the change happened and the client lost the
     * answer. Its idempotency record keeps the real answer, so a retry with the same Idempotency-Key
     * gets the object the first attempt made, the way a client recovers on Stripe.
     */
    COMMIT_THEN_500,
    /**
     * The request is carried out but not answered for longer than any client waits (until the emulator
     * stops): a Stripe that applies a change slowly, after its client gave up. As with
     * {@code commit_then_500}, a retry with the same Idempotency-Key gets the object the first attempt made.
     */
    COMMIT_THEN_TIMEOUT;

    /** How the control API names it: {@code http_500}, {@code commit_then_timeout}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FaultKind fromWireName(String name) {
        return Arrays.stream(values())
                .filter(kind -> kind.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault " + name + "; one of "
                        + Arrays.stream(values()).map(FaultKind::wireName).collect(Collectors.joining(", "))));
    }
}
