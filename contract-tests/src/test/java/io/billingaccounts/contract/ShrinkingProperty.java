package io.billingaccounts.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a property of a generated JSON object. When it fails, fields are dropped one at a time, nested ones too,
 * for as long as the property still fails, so that the report shows a case with nothing in it that does not matter.
 */
final class ShrinkingProperty {

    private ShrinkingProperty() {
    }

    static void check(ObjectNode generated, Consumer<ObjectNode> property) {
        AssertionError failure = failureOf(generated, property);
        if (failure == null) {
            return;
        }
        Failing smallest = new Failing(generated, failure);
        Failing smaller;
        while ((smaller = smaller(smallest.input(), property)) != null) {
            smallest = smaller;
        }
        throw new AssertionError("Fails for " + smallest.input() + " (shrunk from " + generated + "; "
                + SeededCases.replayHint() + "):\n" + smallest.failure().getMessage(), smallest.failure());
    }

    private record Failing(ObjectNode input, AssertionError failure) {
    }

    /** The first object with one field less that still fails, or null when none does. */
    private static Failing smaller(ObjectNode failing, Consumer<ObjectNode> property) {
        for (ObjectNode candidate : oneFieldLess(failing)) {
            AssertionError failure = failureOf(candidate, property);
            if (failure != null) {
                return new Failing(candidate, failure);
            }
        }
        return null;
    }

    private static List<ObjectNode> oneFieldLess(ObjectNode object) {
        List<ObjectNode> candidates = new ArrayList<>();
        for (String field : object.propertyNames()) {
            candidates.add(object.deepCopy().without(field));
            if (object.get(field) instanceof ObjectNode nested) {
                for (ObjectNode smallerNested : oneFieldLess(nested)) {
                    ObjectNode candidate = object.deepCopy();
                    candidate.set(field, smallerNested);
                    candidates.add(candidate);
                }
            }
        }
        return candidates;
    }

    private static AssertionError failureOf(ObjectNode input, Consumer<ObjectNode> property) {
        try {
            property.accept(input.deepCopy());
            return null;
        } catch (AssertionError failed) {
            return failed;
        }
    }
}
