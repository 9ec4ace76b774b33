package io.billingaccounts.stripe.emulator.support;

import tools.jackson.databind.node.ObjectNode;

/**
 * A Stripe error answer: thrown anywhere while handling a request, turned into
 * {@code {"error": {...}}} with Stripe's status code by the API handler.
 */
public final class StripeError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String API_ERROR = "api_error";
    public static final String IDEMPOTENCY_ERROR = "idempotency_error";
    public static final String CARD_ERROR = "card_error";
    public static final String LOCK_TIMEOUT = "lock_timeout";

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final String declineCode;

    public StripeError(int status, String type, String code, String message, String param) {
        this(status, type, code, message, param, null);
    }

    private StripeError(int status, String type, String code, String message, String param, String declineCode) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.declineCode = declineCode;
    }

    /** What a charge on a card that declines answers: 402, {@code card_declined}, {@code generic_decline}. */
    public static StripeError cardDeclined() {
        return new StripeError(402, CARD_ERROR, "card_declined", "Your card was declined.", null, "generic_decline");
    }

    /** Too many requests in a second: 429, {@code rate_limit}, nothing done. */
    public static StripeError rateLimit() {
        return new StripeError(429, INVALID_REQUEST, "rate_limit",
                "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
                null);
    }

    /** Another request is writing the object: 429, {@code lock_timeout}, nothing done; see {@link #shouldRetry}. */
    public static StripeError lockTimeout() {
        return new StripeError(429, INVALID_REQUEST, LOCK_TIMEOUT, "This object cannot be accessed right now because"
                + " another API request or Stripe process is currently accessing it. If you see this error"
                + " intermittently, retry the request. If you see this error frequently and are making multiple"
                + " concurrent requests to a single object, make your requests serially or at a lower rate.", null);
    }

    public static StripeError invalidRequest(String message, String param) {
        return new StripeError(400, INVALID_REQUEST, null, message, param);
    }

    public static StripeError unknownParameter(String param) {
        return new StripeError(400, INVALID_REQUEST, "parameter_unknown",
                "Received unknown parameter: " + param, param);
    }

    public static StripeError missingParameter(String param) {
        return new StripeError(400, INVALID_REQUEST, "parameter_missing",
                "Missing required param: " + param + ".", param);
    }

    /** An id in the URL path that names nothing answers 404; one in a parameter answers 400. */
    public static StripeError noSuch(String resourceLabel, String id, String param) {
        return new StripeError(param == null ? 404 : 400, INVALID_REQUEST, "resource_missing",
                "No such " + resourceLabel + ": '" + id + "'", param);
    }

    public static StripeError api(String message) {
        return new StripeError(500, API_ERROR, null, message, null);
    }

    public int status() {
        return status;
    }

    public String param() {
        return param;
    }

    /**
     * Whether Stripe tells the client to retry ({@code Stripe-Should-Retry: true}): for a lock timeout, which frees
     * up in a moment. stripe-java retries on that header, and retries no other 429.
     */
    public boolean shouldRetry() {
        return LOCK_TIMEOUT.equals(code);
    }

    public ObjectNode toJson() {
        ObjectNode error = Json.object();
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        if (declineCode != null) {
            error.put("decline_code", declineCode);
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }
}
