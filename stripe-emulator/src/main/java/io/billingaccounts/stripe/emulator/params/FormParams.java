package io.billingaccounts.stripe.emulator.params;

import io.billingaccounts.stripe.emulator.support.StripeError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stripe's request encoding: {@code application/x-www-form-urlencoded} pairs whose keys nest with
 * brackets ({@code address[city]}, {@code items[0][price]}, {@code expand[]}), from the query string
 * and the body alike.
 */
public final class FormParams {

    private final List<Map.Entry<String, String>> pairs;
    private final ParamNode.Branch root = new ParamNode.Branch();

    private FormParams(List<Map.Entry<String, String>> pairs) {
        this.pairs = pairs;
        for (Map.Entry<String, String> pair : pairs) {
            insert(pair.getKey(), pair.getValue());
        }
    }

    /** Decodes each non-null encoded part (query string, body) in order. */
    public static FormParams decode(String... encodedParts) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String part : encodedParts) {
            if (part == null || part.isEmpty()) {
                continue;
            }
            for (String pair : part.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                pairs.add(Map.entry(urlDecode(key), urlDecode(value)));
            }
        }
        return new FormParams(pairs);
    }

    public ParamNode.Branch root() {
        return root;
    }

    /**
     * What makes two requests "the same parameters" for Idempotency-Key: a digest of the pairs
     * regardless of the order of different keys (the sort is stable, so repeated keys keep theirs).
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        pairs.stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(pair -> canonical.append(pair.getKey().length()).append(':').append(pair.getKey())
                        .append(pair.getValue().length()).append(':').append(pair.getValue()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void insert(String key, String value) {
        List<String> path = splitKey(key);
        ParamNode.Branch parent = root;
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            if (segment.isEmpty()) {
                segment = Integer.toString(parent.children().size());
            }
            boolean last = i == path.size() - 1;
            ParamNode existing = parent.get(segment);
            if (last) {
                if (existing instanceof ParamNode.Branch) {
                    throw StripeError.invalidRequest("Invalid hash", key);
                }
                parent.children().put(segment, new ParamNode.Leaf(value));
            } else if (existing instanceof ParamNode.Branch branch) {
                parent = branch;
            } else if (existing == null) {
                ParamNode.Branch branch = new ParamNode.Branch();
                parent.children().put(segment, branch);
                parent = branch;
            } else {
                throw StripeError.invalidRequest("Invalid hash", bracketed(path.subList(0, i + 1)));
            }
        }
    }

    /** {@code a[b][]} is [a, b, ""]; a key whose brackets do not close is one plain name. */
    public static List<String> splitKey(String key) {
        int open = key.indexOf('[');
        if (open <= 0) {
            return List.of(key);
        }
        List<String> path = new ArrayList<>();
        path.add(key.substring(0, open));
        int at = open;
        while (at < key.length()) {
            if (key.charAt(at) != '[') {
                return List.of(key);
            }
            int close = key.indexOf(']', at);
            if (close < 0) {
                return List.of(key);
            }
            path.add(key.substring(at + 1, close));
            at = close + 1;
        }
        return path;
    }

    /** [a, b, 0] is a[b][0], the way Stripe names a nested parameter in its errors. */
    public static String bracketed(List<String> path) {
        StringBuilder name = new StringBuilder(path.get(0));
        for (String segment : path.subList(1, path.size())) {
            name.append('[').append(segment).append(']');
        }
        return name.toString();
    }

    private static String urlDecode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw StripeError.invalidRequest("Invalid URL encoding: " + text, null);
        }
    }
}
