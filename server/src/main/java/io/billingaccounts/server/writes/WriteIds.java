package io.billingaccounts.server.writes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The write id of a create asked for with an Idempotency-Key: the same for every try of that request, so that each
 * try sends Stripe the same Idempotency-Key and finds the write an earlier try left.
 */
final class WriteIds {

    private WriteIds() {
    }

    /** Resource and scope keep one key's creates apart. */
    static String forRequest(String resource, String scopeId, RequestKey requestKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((resource + "\n" + scopeId + "\n" + requestKey.caller() + "\n"
                    + requestKey.idempotencyKey())
                    .getBytes(StandardCharsets.UTF_8));
            return "key_" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
