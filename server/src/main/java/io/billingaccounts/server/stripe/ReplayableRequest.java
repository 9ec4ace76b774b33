package io.billingaccounts.server.stripe;

/**
 * A create as it was sent to Stripe: kept with its write so that recovery can send it again with the same
 * Idempotency-Key, which Stripe answers for 24 hours with what the first request made (or makes it now, if the
 * first never arrived). {@code form} is the body as stripe-java encodes the request's parameters.
 */
public record ReplayableRequest(String method, String path, String form) {

    /** One line for the method and path, then the body: how a write keeps it. */
    public String encoded() {
        return method + " " + path + "\n" + form;
    }

    public static ReplayableRequest decode(String encoded) {
        int space = encoded.indexOf(' ');
        int newline = encoded.indexOf('\n');
        return new ReplayableRequest(encoded.substring(0, space), encoded.substring(space + 1, newline),
                encoded.substring(newline + 1));
    }
}
