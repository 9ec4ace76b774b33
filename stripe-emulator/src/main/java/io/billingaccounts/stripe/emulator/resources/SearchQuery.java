package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's search query language: clauses joined by {@code AND} or by {@code OR} (not both), each
 * {@code [-]field op value}. Fields: {@code metadata['key']}, the resource's text fields (a customer's
 * {@code email}, {@code name}, {@code phone}; a subscription's {@code status}; with {@code :} for equality,
 * {@code ~} for a substring of at least 3 characters, both case-insensitive but for metadata values) and
 * {@code created} (with {@code :}, {@code >}, {@code <}, {@code >=}, {@code <=}). A leading {@code -} negates a
 * clause.
 */
final class SearchQuery {

    private static final int MAX_CLAUSES = 10;

    /** What can be searched of one kind of object: its name in Stripe's URLs and its text fields. */
    record Resource(String name, List<String> textFields) {
    }

    static final Resource CUSTOMERS = new Resource("customers", List.of("email", "name", "phone"));
    static final Resource SUBSCRIPTIONS = new Resource("subscriptions", List.of("status"));

    private final String text;
    private final Resource resource;
    private int at;

    private SearchQuery(String text, Resource resource) {
        this.text = text;
        this.resource = resource;
    }

    static Predicate<ObjectNode> parse(String text, Resource resource) {
        return new SearchQuery(text, resource).query();
    }

    private Predicate<ObjectNode> query() {
        List<Predicate<ObjectNode>> clauses = new ArrayList<>();
        String joiner = null;
        clauses.add(clause());
        while (skipSpaces() < text.length()) {
            String word = word();
            if (!word.equals("AND") && !word.equals("OR")) {
                throw invalid("expected AND or OR but found '" + word + "'");
            }
            if (joiner != null && !joiner.equals(word)) {
                throw invalid("AND and OR cannot be combined in one query");
            }
            joiner = word;
            clauses.add(clause());
        }
        if (clauses.size() > MAX_CLAUSES) {
            throw invalid("at most " + MAX_CLAUSES + " clauses are allowed");
        }
        Predicate<ObjectNode> combined = clauses.get(0);
        for (Predicate<ObjectNode> clause : clauses.subList(1, clauses.size())) {
            combined = "OR".equals(joiner) ? combined.or(clause) : combined.and(clause);
        }
        return combined;
    }

    private Predicate<ObjectNode> clause() {
        skipSpaces();
        boolean negated = peek('-');
        if (negated) {
            at++;
        }
        String field = word();
        String metadataKey = null;
        if (field.equals("metadata")) {
            expect('[');
            metadataKey = quoted();
            expect(']');
        }
        String operator = operator();
        Predicate<ObjectNode> clause = metadataKey != null
                ? metadataClause(metadataKey, operator, value())
                : fieldClause(field, operator);
        return negated ? clause.negate() : clause;
    }

    private Predicate<ObjectNode> metadataClause(String key, String operator, String value) {
        if (!operator.equals(":")) {
            throw invalid("metadata supports only ':'");
        }
        return customer -> value.equals(customer.path("metadata").path(key).asString(null));
    }

    private Predicate<ObjectNode> fieldClause(String field, String operator) {
        if (field.equals("created")) {
            long bound = parseLong(value());
            return switch (operator) {
                case ":" -> customer -> customer.get("created").asLong() == bound;
                case ">" -> customer -> customer.get("created").asLong() > bound;
                case "<" -> customer -> customer.get("created").asLong() < bound;
                case ">=" -> customer -> customer.get("created").asLong() >= bound;
                default -> customer -> customer.get("created").asLong() <= bound;
            };
        }
        if (!resource.textFields().contains(field)) {
            throw StripeError.invalidRequest("Field `" + field + "` is an unsupported search field for resource"
                    + " `" + resource.name() + "`. See http://stripe.com/docs/search#query-fields-for-"
                    + resource.name() + " for a list of supported fields.", "query");
        }
        String value = value().toLowerCase(Locale.ROOT);
        return switch (operator) {
            case ":" -> customer -> value.equals(lowerCase(customer.get(field)));
            case "~" -> {
                if (value.length() < 3) {
                    throw invalid("a substring search ('~') needs at least 3 characters");
                }
                yield customer -> {
                    String actual = lowerCase(customer.get(field));
                    return actual != null && actual.contains(value);
                };
            }
            default -> throw invalid("'" + operator + "' does not apply to " + field);
        };
    }

    private String operator() {
        skipSpaces();
        for (String operator : List.of(">=", "<=", ":", "~", ">", "<")) {
            if (text.startsWith(operator, at)) {
                at += operator.length();
                return operator;
            }
        }
        throw invalid("expected one of : ~ > < >= <= at position " + at);
    }

    private String value() {
        skipSpaces();
        if (peek('\'') || peek('"')) {
            return quoted();
        }
        return run('-', "a value");
    }

    private String quoted() {
        skipSpaces();
        if (!peek('\'') && !peek('"')) {
            throw invalid("expected a quoted string at position " + at);
        }
        char quote = text.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (at < text.length() && text.charAt(at) != quote) {
            char c = text.charAt(at++);
            if (c == '\\' && at < text.length()) {
                c = text.charAt(at++);
            }
            value.append(c);
        }
        if (at >= text.length()) {
            throw invalid("unterminated string");
        }
        at++;
        return value.toString();
    }

    private String word() {
        skipSpaces();
        return run('_', "a field name");
    }

    /** The letters, digits and {@code alsoAllowed} from here on, at least one; else "expected {@code what}". */
    private String run(char alsoAllowed, String what) {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == alsoAllowed)) {
            at++;
        }
        if (start == at) {
            throw invalid("expected " + what + " at position " + at);
        }
        return text.substring(start, at);
    }

    private void expect(char wanted) {
        skipSpaces();
        if (!peek(wanted)) {
            throw invalid("expected '" + wanted + "' at position " + at);
        }
        at++;
    }

    private boolean peek(char wanted) {
        return at < text.length() && text.charAt(at) == wanted;
    }

    private int skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid("'" + value + "' is not a timestamp");
        }
    }

    private static String lowerCase(JsonNode value) {
        return value == null || value.isNull() ? null : value.asString().toLowerCase(Locale.ROOT);
    }

    private StripeError invalid(String detail) {
        return StripeError.invalidRequest("Invalid search query '" + text + "': " + detail + ".", "query");
    }
}
