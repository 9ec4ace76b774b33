package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Typed reads of parameters the validator has already checked. */
final class Params {

    private Params() {
    }

    static long integer(ParamNode.Branch params, String key) {
        return Long.parseLong(params.string(key));
    }

    /** The elements of an array parameter in index order; "" (an emptied list) has none. */
    static List<ParamNode> elements(ParamNode node) {
        if (!(node instanceof ParamNode.Branch branch)) {
            return List.of();
        }
        return branch.children().entrySet().stream()
                .sorted(Comparator.comparingInt(entry -> Integer.parseInt(entry.getKey())))
                .map(Map.Entry::getValue)
                .toList();
    }

    static List<String> strings(ParamNode node) {
        return elements(node).stream().map(element -> ((ParamNode.Leaf) element).value()).toList();
    }

    static boolean isEmptyString(ParamNode node) {
        return node instanceof ParamNode.Leaf leaf && leaf.isEmpty();
    }
}
