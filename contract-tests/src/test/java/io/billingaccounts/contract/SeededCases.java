package io.billingaccounts.contract;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Generated cases for JUnit's parameterized tests, the same on every run: they come from a fixed seed, which
 * {@code -Dcases.seed=N} replaces, to explore other cases or to replay the cases of a reported failure.
 */
final class SeededCases {

    static final String SEED_PROPERTY = "cases.seed";
    private static final long DEFAULT_SEED = 20_261_202L;

    private SeededCases() {
    }

    static long seed() {
        return Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
    }

    /** {@code count} cases; {@code name} gives each source its own sequence under one seed. */
    static <T> Stream<T> generate(String name, int count, Function<Random, T> generator) {
        Random random = new Random(seed() ^ name.hashCode());
        return Stream.generate(() -> generator.apply(random)).limit(count);
    }

    static String replayHint() {
        return "cases of seed " + seed() + ", replayed with -D" + SEED_PROPERTY + "=" + seed();
    }
}
