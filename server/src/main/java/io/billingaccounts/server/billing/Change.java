package io.billingaccounts.server.billing;

/** One field of a merge patch: left as it is, cleared, or set to a value. */
public final class Change<T> {

    private static final Change<?> KEEP = new Change<>(false, null);

    private final boolean present;
    private final T value;

    private Change(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Change<T> keep() {
        return (Change<T>) KEEP;
    }

    public static <T> Change<T> clear() {
        return new Change<>(true, null);
    }

    public static <T> Change<T> set(T value) {
        return new Change<>(true, value);
    }

    /** Null means absent, as it does for an optional field that the contract never lets be null. */
    public static <T> Change<T> setIfPresent(T value) {
        return value == null ? keep() : set(value);
    }

    public boolean isPresent() {
        return present;
    }

    public T applyTo(T current) {
        return present ? value : current;
    }
}
