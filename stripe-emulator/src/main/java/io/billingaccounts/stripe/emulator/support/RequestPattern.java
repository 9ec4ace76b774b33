package io.billingaccounts.stripe.emulator.support;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * "METHOD /path/glob", as fault rules and request counts name requests: in the path {@code *} stands
 * for one segment and {@code **} for any number of them; a method of {@code *} takes any method.
 */
public final class RequestPattern {

    private final String text;
    private final String method;
    private final List<String> segments;

    private RequestPattern(String text, String method, List<String> segments) {
        this.text = text;
        this.method = method;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException unless the text is a method, one space, and a path from the root */
    public static RequestPattern parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
        if (parts.length != 2 || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("expected \"METHOD /path\" (e.g. \"POST /v1/customers/*\"), got: " + text);
        }
        return new RequestPattern(text.trim(), parts[0].toUpperCase(Locale.ROOT), segments(parts[1]));
    }

    public boolean matches(String requestMethod, String path) {
        return (method.equals("*") || method.equalsIgnoreCase(requestMethod))
                && matches(0, segments(path), 0);
    }

    @Override
    public String toString() {
        return text;
    }

    private boolean matches(int at, List<String> path, int pathAt) {
        if (at == segments.size()) {
            return pathAt == path.size();
        }
        String segment = segments.get(at);
        if (segment.equals("**")) {
            for (int rest = pathAt; rest <= path.size(); rest++) {
                if (matches(at + 1, path, rest)) {
                    return true;
                }
            }
            return false;
        }
        return pathAt < path.size()
                && (segment.equals("*") || segment.equals(path.get(pathAt)))
                && matches(at + 1, path, pathAt + 1);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }
}
