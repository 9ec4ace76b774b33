package io.billingaccounts.stripe.emulator.support;

import java.security.SecureRandom;

/** Ids shaped like Stripe's: a type prefix and base-62 characters. */
public final class StripeIds {

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private StripeIds() {
    }

    public static String customer() {
        return random("cus_", 14);
    }

    public static String subscription() {
        return random("sub_", 24);
    }

    public static String subscriptionSchedule() {
        return random("sub_sched_", 24);
    }

    public static String subscriptionItem() {
        return random("si_", 14);
    }

    public static String product() {
        return random("prod_", 14);
    }

    public static String price() {
        return random("price_", 24);
    }

    public static String setupIntent() {
        return random("seti_", 24);
    }

    /** An intent's client secret: its id, {@code _secret_} and a random tail. */
    public static String clientSecret(String intentId) {
        return random(intentId + "_secret_", 25);
    }

    public static String paymentMethod() {
        return random("pm_", 24);
    }

    public static String invoice() {
        return random("in_", 24);
    }

    public static String invoiceLine() {
        return random("il_", 24);
    }

    /** What Stripe calls an invoice that only previews one: it is never kept. */
    public static String previewInvoice() {
        return random("upcoming_in_", 24);
    }

    /** A preview's lines are not kept either. */
    public static String previewInvoiceLine() {
        return random("il_tmp_", 24);
    }

    public static String invoiceItem() {
        return random("ii_", 24);
    }

    public static String invoicePayment() {
        return random("inpay_", 24);
    }

    public static String paymentIntent() {
        return random("pi_", 24);
    }

    public static String refund() {
        return random("re_", 24);
    }

    public static String event() {
        return random("evt_", 24);
    }

    public static String request() {
        return random("req_", 14);
    }

    public static String fault() {
        return random("flt_", 14);
    }

    /** Stripe's generated invoice prefixes are 8 upper-case hexadecimal characters. */
    public static String invoicePrefix() {
        return String.format("%08X", RANDOM.nextInt());
    }

    private static String random(String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            id.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return id.toString();
    }
}
