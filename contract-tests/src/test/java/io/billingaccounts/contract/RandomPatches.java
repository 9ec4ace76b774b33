package io.billingaccounts.contract;

import java.util.Random;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random merge patches of a billing account that reach every field: each absent (most often), null (more often
 * where null clears the field) or a value, valid or just beyond a rule, texts at their length limits as often as in
 * between; the address likewise, field by field; now and then a field that no patch may send.
 */
final class RandomPatches {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String TEXT_CHARS = LETTERS + " -é1";

    private final Random random;

    RandomPatches(Random random) {
        this.random = random;
    }

    ObjectNode patch() {
        ObjectNode patch = JSON.createObjectNode();
        field(patch, "name", false, () -> oneOf(() -> text(1, 100), () -> pick("  ", "n".repeat(101))));
        field(patch, "email", false, () -> oneOf(this::email, () -> pick("not-an-address", "a@localhost")));
        field(patch, "phone", true, () -> oneOf(() -> text(0, 20), () -> pick("9".repeat(21), "9".repeat(51))));
        field(patch, "description", true, () -> oneOf(() -> text(0, 200), () -> "d".repeat(201)));
        int address = random.nextInt(10);
        if (address < 4) {
            patch.set("address", address());
        } else if (address == 9) {
            patch.putNull("address");
        }
        String forbidden = pick("", "", "", "currency", "nickname");
        if (!forbidden.isEmpty()) {
            patch.put(forbidden, "usd");
        }
        return patch;
    }

    private ObjectNode address() {
        ObjectNode address = JSON.createObjectNode();
        field(address, "country", false,
                () -> oneOf(() -> pick("US", "ZA", "GB", "DE", "JP"), () -> pick("XX", "us")));
        field(address, "line1", false, () -> oneOf(() -> text(1, 200), () -> ""));
        field(address, "line2", true, () -> text(0, 200));
        field(address, "city", false, () -> oneOf(() -> text(1, 100), () -> " "));
        field(address, "state", true, () -> text(0, 100));
        field(address, "postal_code", true, () -> oneOf(() -> text(0, 20), () -> "1".repeat(21)));
        return address;
    }

    /** Absent, a value or null in the proportions 5 : 4 : 1, or 5 : 4 : 2 where null clears the field. */
    private void field(ObjectNode target, String name, boolean clearable, Supplier<String> value) {
        int roll = random.nextInt(clearable ? 11 : 10);
        if (roll < 4) {
            target.put(name, value.get());
        } else if (roll >= 9) {
            target.putNull(name);
        }
    }

    /** Non-blank unless {@code min} is 0. */
    private String text(int min, int max) {
        String text;
        do {
            int length = switch (random.nextInt(4)) {
                case 0 -> min;
                case 1 -> max;
                default -> min + random.nextInt(max - min + 1);
            };
            text = chars(length, TEXT_CHARS);
        } while (min > 0 && text.isBlank());
        return text;
    }

    private String email() {
        return chars(1 + random.nextInt(20), LETTERS) + "@" + pick("example.com", "acme.org", "billing.io");
    }

    private String chars(int length, String alphabet) {
        StringBuilder chars = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            chars.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return chars.toString();
    }

    @SafeVarargs
    private String oneOf(Supplier<String>... choices) {
        return choices[random.nextInt(choices.length)].get();
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }
}
