package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.FormParams;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters that name objects the emulator does not keep (coupons, sources, test clocks, tax rates,
 * accounts). The emulated account has none of them, so, like a Stripe account
 * without them, it answers "No such ..." to any id; an empty value (unset) is fine.
 */
final class UnmodelledReferences {

    private UnmodelledReferences() {
    }

    /**
     * @param labels parameter path (a bracketed name, {@code []} for every element of an array) to
     *     the name Stripe gives that kind of object in its "No such" message
     */
    static void refuse(ParamNode.Branch params, Map<String, String> labels) {
        labels.forEach((path, label) -> {
            for (Map.Entry<String, ParamNode> found : find(params, FormParams.splitKey(path), 0, new ArrayList<>())) {
                ParamNode value = found.getValue();
                if (value instanceof ParamNode.Leaf leaf && !leaf.isEmpty()) {
                    throw StripeError.noSuch(label, leaf.value(), found.getKey());
                }
                if (value instanceof ParamNode.Branch) {
                    throw StripeError.invalidRequest("stripe-emulator keeps no " + label
                            + " objects, so it cannot create one from " + found.getKey(), found.getKey());
                }
            }
        });
    }

    /** The labels of what an element of a {@code discounts} array names: a coupon, a promotion code or a discount. */
    static Map<String, String> discounts(String array) {
        return Map.of(array + "[][coupon]", "coupon", array + "[][promotion_code]", "promotion code",
                array + "[][discount]", "discount");
    }

    /** Several maps of labels as one, in the order given. */
    @SafeVarargs
    static Map<String, String> joined(Map<String, String>... parts) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map<String, String> part : parts) {
            all.putAll(part);
        }
        return Collections.unmodifiableMap(all);
    }

    private static List<Map.Entry<String, ParamNode>> find(
            ParamNode node, List<String> path, int at, List<String> walked) {
        if (at == path.size()) {
            return List.of(Map.entry(FormParams.bracketed(walked), node));
        }
        if (!(node instanceof ParamNode.Branch branch)) {
            return List.of();
        }
        List<Map.Entry<String, ParamNode>> found = new ArrayList<>();
        List<String> keys = path.get(at).isEmpty() ? List.copyOf(branch.children().keySet()) : List.of(path.get(at));
        for (String key : keys) {
            ParamNode child = branch.get(key);
            if (child != null) {
                List<String> deeper = new ArrayList<>(walked);
                deeper.add(key);
                found.addAll(find(child, path, at + 1, deeper));
            }
        }
        return found;
    }
}
