package io.billingaccounts.server.writes;

import io.billingaccounts.server.basics.Sha256;

/**
 * The write id of a create asked for with an Idempotency-Key: the same for every try of that request, so that each
 * try sends Stripe the same Idempotency-Key and finds the write an earlier try left.
 */
final class WriteIds {

    private WriteIds() {
    }

    /** Resource and scope keep one key's creates apart. */
    static String forRequest(String resource, String scopeId, RequestKey requestKey) {
        return "key_" + Sha256.hex(resource + "\n" + scopeId + "\n" + requestKey.caller() + "\n"
                + requestKey.idempotencyKey());
    }
}
