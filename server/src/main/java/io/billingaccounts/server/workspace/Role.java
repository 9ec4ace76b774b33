package io.billingaccounts.server.workspace;

public enum Role {
    OWNER, ADMIN, VIEWER;

    public boolean canWrite() {
        return this != VIEWER;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
