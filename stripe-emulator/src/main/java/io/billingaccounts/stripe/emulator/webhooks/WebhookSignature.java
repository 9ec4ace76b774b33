package io.billingaccounts.stripe.emulator.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Stripe-Signature} header as Stripe writes it: {@code t=<unix seconds>,v1=<hex>}, where
 * v1 is the HMAC-SHA256 of {@code "<t>.<payload>"} keyed with the endpoint's whole signing secret
 * ({@code whsec_...}, as text). stripe-java's {@code Webhook.constructEvent} checks exactly this.
 */
public final class WebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WebhookSignature() {
    }

    /** @param payload the request body exactly as sent */
    public static String header(String secret, long timestampSeconds, byte[] payload) {
        return "t=" + timestampSeconds + ",v1=" + hmac(secret, timestampSeconds, payload);
    }

    static String hmac(String secret, long timestampSeconds, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return hex(mac.doFinal(payload));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        char[] chars = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            chars[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            chars[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(chars);
    }
}
