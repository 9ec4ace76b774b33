package io.billingaccounts.stripe.emulator.params;

import io.billingaccounts.stripe.emulator.support.StripeError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses what Stripe refuses, with Stripe's messages: unknown parameters (at any depth), missing
 * required ones, values of the wrong type, too long, or outside an enum, and metadata beyond
 * Stripe's documented limits.
 */
public final class ParamValidator {

    /** Stripe's documented metadata limits (they are not in its OpenAPI spec). */
    public static final int METADATA_MAX_KEYS = 50;
    public static final int METADATA_MAX_KEY_LENGTH = 40;
    public static final int METADATA_MAX_VALUE_LENGTH = 500;

    private static final Set<String> COMPOSITE_TYPES = Set.of("object", "map", "array");

    private final ParamCatalog catalog;

    public ParamValidator(ParamCatalog catalog) {
        this.catalog = catalog;
    }

    /** @throws StripeError on the first parameter Stripe would refuse */
    public void validate(String operation, FormParams params) {
        ParamCatalog.Endpoint endpoint = catalog.endpoint(operation);
        for (Map.Entry<String, ParamNode> param : params.root().children().entrySet()) {
            ParamRule rule = endpoint.params().get(param.getKey());
            if (rule == null) {
                throw StripeError.unknownParameter(param.getKey());
            }
            check(rule, param.getValue(), List.of(param.getKey()));
        }
        for (String required : endpoint.required()) {
            if (!params.root().has(required)) {
                throw StripeError.missingParameter(required);
            }
        }
    }

    private void check(ParamRule rule, ParamNode node, List<String> path) {
        if (rule.emptyable() && node instanceof ParamNode.Leaf leaf && leaf.isEmpty()) {
            return;
        }
        if (!rule.anyOf().isEmpty()) {
            checkAnyOf(rule.anyOf(), node, path);
            return;
        }
        switch (rule.type()) {
            case "object" -> checkObject(rule, node, path);
            case "map" -> checkMap(rule, node, path);
            case "array" -> checkArray(rule, node, path);
            default -> checkScalar(rule, node, path);
        }
    }

    /**
     * The first alternative that takes the value wins. If none does, the complaint is that of the first
     * alternative of the value's kind ("Invalid integer" for {@code created=x}, not "Invalid hash").
     */
    private void checkAnyOf(List<ParamRule> alternatives, ParamNode node, List<String> path) {
        boolean composite = node instanceof ParamNode.Branch;
        StripeError first = null;
        StripeError firstOfItsKind = null;
        for (ParamRule alternative : alternatives) {
            try {
                check(alternative, node, path);
                return;
            } catch (StripeError refused) {
                first = first == null ? refused : first;
                if (firstOfItsKind == null && isComposite(alternative) == composite) {
                    firstOfItsKind = refused;
                }
            }
        }
        throw firstOfItsKind != null ? firstOfItsKind : first;
    }

    private static boolean isComposite(ParamRule rule) {
        return COMPOSITE_TYPES.contains(rule.type());
    }

    private void checkObject(ParamRule rule, ParamNode node, List<String> path) {
        ParamNode.Branch branch = branch(node, path, "hash");
        for (Map.Entry<String, ParamNode> child : branch.children().entrySet()) {
            List<String> childPath = append(path, child.getKey());
            ParamRule childRule = rule.properties().get(child.getKey());
            if (childRule == null) {
                throw StripeError.unknownParameter(FormParams.bracketed(childPath));
            }
            check(childRule, child.getValue(), childPath);
        }
        for (String required : rule.required()) {
            if (!branch.has(required)) {
                throw StripeError.missingParameter(FormParams.bracketed(append(path, required)));
            }
        }
    }

    private void checkMap(ParamRule rule, ParamNode node, List<String> path) {
        ParamNode.Branch branch = branch(node, path, "hash");
        boolean metadata = path.get(path.size() - 1).equals("metadata");
        if (metadata && branch.children().size() > METADATA_MAX_KEYS) {
            throw StripeError.invalidRequest("Invalid " + FormParams.bracketed(path) + ": metadata can have at most "
                    + METADATA_MAX_KEYS + " keys, but " + branch.children().size() + " were given", FormParams.bracketed(path));
        }
        for (Map.Entry<String, ParamNode> entry : branch.children().entrySet()) {
            List<String> entryPath = append(path, entry.getKey());
            if (metadata) {
                checkMetadataEntry(entry.getKey(), entry.getValue(), entryPath);
            }
            check(rule.values(), entry.getValue(), entryPath);
        }
    }

    private static void checkMetadataEntry(String key, ParamNode value, List<String> path) {
        String param = FormParams.bracketed(path);
        if (key.isEmpty() || key.length() > METADATA_MAX_KEY_LENGTH) {
            throw StripeError.invalidRequest("Metadata keys must be between 1 and " + METADATA_MAX_KEY_LENGTH
                    + " characters long, but '" + key + "' has " + key.length(), param);
        }
        if (value instanceof ParamNode.Leaf leaf && leaf.value().length() > METADATA_MAX_VALUE_LENGTH) {
            throw StripeError.invalidRequest("Metadata values can have up to " + METADATA_MAX_VALUE_LENGTH
                    + " characters, but you passed in a value that is " + leaf.value().length()
                    + " characters. Invalid value: " + abbreviate(leaf.value()), param);
        }
    }

    private void checkArray(ParamRule rule, ParamNode node, List<String> path) {
        if (node instanceof ParamNode.Leaf leaf && leaf.isEmpty()) {
            return; // how stripe-java and Stripe spell an empty list
        }
        ParamNode.Branch branch = branch(node, path, "array");
        for (Map.Entry<String, ParamNode> element : branch.children().entrySet()) {
            if (!element.getKey().chars().allMatch(Character::isDigit)) {
                throw StripeError.invalidRequest("Invalid array", FormParams.bracketed(path));
            }
            check(rule.items(), element.getValue(), append(path, element.getKey()));
        }
    }

    private static void checkScalar(ParamRule rule, ParamNode node, List<String> path) {
        String param = FormParams.bracketed(path);
        if (!(node instanceof ParamNode.Leaf leaf)) {
            throw StripeError.invalidRequest("Invalid " + rule.type(), param);
        }
        String value = leaf.value();
        switch (rule.type()) {
            case "integer" -> {
                if (!value.matches("-?\\d{1,18}")) {
                    throw StripeError.invalidRequest("Invalid integer: " + abbreviate(value), param);
                }
            }
            case "number" -> {
                try {
                    new BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw StripeError.invalidRequest("Invalid decimal: " + abbreviate(value), param);
                }
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw StripeError.invalidRequest("Invalid boolean: " + abbreviate(value), param);
                }
            }
            default -> checkString(rule, value, param);
        }
    }

    private static void checkString(ParamRule rule, String value, String param) {
        if (!rule.allowedValues().isEmpty() && !rule.allowedValues().contains(value)) {
            throw StripeError.invalidRequest("Invalid " + param + ": must be one of "
                    + oneOf(rule.allowedValues()), param);
        }
        if (rule.maxLength() != null && value.length() > rule.maxLength()) {
            throw StripeError.invalidRequest("Invalid string: " + abbreviate(value) + "; must be at most "
                    + rule.maxLength() + " characters", param);
        }
    }

    private static ParamNode.Branch branch(ParamNode node, List<String> path, String kind) {
        if (node instanceof ParamNode.Branch branch) {
            return branch;
        }
        throw StripeError.invalidRequest("Invalid " + kind, FormParams.bracketed(path));
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> longer = new ArrayList<>(path);
        longer.add(segment);
        return longer;
    }

    /** "a, b, or c", leaving out the "" that only means "unset". */
    private static String oneOf(List<String> values) {
        List<String> shown = values.stream().filter(v -> !v.isEmpty()).toList();
        if (shown.size() == 1) {
            return shown.get(0);
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + ", or " + shown.get(shown.size() - 1);
    }

    private static String abbreviate(String value) {
        return value.length() <= 50 ? value : value.substring(0, 50) + "...";
    }
}
