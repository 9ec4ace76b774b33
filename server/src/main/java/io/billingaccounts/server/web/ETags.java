package io.billingaccounts.server.web;

/** Strong ETags made from an account's version, and the If-Match values that name one. */
final class ETags {

    private static final long NO_VERSION = -1;

    private ETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header expects: null for none or {@code *}; one that never matches if unreadable. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            return NO_VERSION;
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            return NO_VERSION;
        }
    }
}
