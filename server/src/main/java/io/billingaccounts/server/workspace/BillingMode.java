package io.billingaccounts.server.workspace;

import java.util.Locale;

public enum BillingMode {
    SINGLE(1), POOLED(10), ASSIGNED(10);

    private final int maxBillingAccounts;

    BillingMode(int maxBillingAccounts) {
        this.maxBillingAccounts = maxBillingAccounts;
    }

    public int maxBillingAccounts() {
        return maxBillingAccounts;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BillingMode fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
