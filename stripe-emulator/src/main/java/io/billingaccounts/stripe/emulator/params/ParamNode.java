package io.billingaccounts.stripe.emulator.params;

import java.util.LinkedHashMap;
import java.util.Map;

/** One node of a decoded form: {@code a[b][0]=x} is a branch a, a branch b, a leaf x at 0. */
public sealed interface ParamNode {

    record Leaf(String value) implements ParamNode {
        public boolean isEmpty() {
            return value.isEmpty();
        }
    }

    /** Children keep their arrival order; array elements are children keyed by their index. */
    record Branch(Map<String, ParamNode> children) implements ParamNode {

        public Branch() {
            this(new LinkedHashMap<>());
        }

        public ParamNode get(String key) {
            return children.get(key);
        }

        public boolean has(String key) {
            return children.containsKey(key);
        }

        /** The leaf's value, or null when the key is absent; a branch here is a caller's bug. */
        public String string(String key) {
            ParamNode node = children.get(key);
            return node == null ? null : ((Leaf) node).value();
        }

        public Branch branch(String key) {
            ParamNode node = children.get(key);
            return node instanceof Branch branch ? branch : null;
        }
    }
}
