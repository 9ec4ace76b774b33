package io.billingaccounts.client;

import java.util.List;

import io.billingaccounts.client.model.Error;
import io.billingaccounts.client.model.FieldError;

/**
 * Any answer of the service that is not a success: the HTTP status and the parsed Error body, whose {@code code}
 * is stable and meant for programs. {@code error} is null only when the body was not the API's Error schema
 * (a proxy's page, say).
 */
public class BillingAccountsException extends RuntimeException {

    private final int status;
    private final transient Error error;
    private final String requestId;

    public BillingAccountsException(int status, Error error, String requestId, String rawBody) {
        super(status + " " + (error != null ? error.getCode() + ": " + error.getMessage() : rawBody));
        this.status = status;
        this.error = error;
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    public Error error() {
        return error;
    }

    /** The error's code, such as {@code billing_account_limit_reached}; null without an Error body. */
    public String code() {
        return error == null ? null : error.getCode();
    }

    /** Whether the error's code is the one given, one of {@link ErrorCodes}. */
    public boolean is(String code) {
        return code != null && code.equals(code());
    }

    /** For 422 validation errors, one entry per offending field. */
    public List<FieldError> fieldErrors() {
        return error == null || error.getErrors() == null ? List.of() : error.getErrors();
    }

    /** The service's id for the request, found in its logs too. */
    public String requestId() {
        return requestId;
    }
}
