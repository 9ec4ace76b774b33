package io.billingaccounts.stripe.emulator;

import io.billingaccounts.stripe.emulator.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * Stripe's OpenAPI extract that the emulator is held to: shared/stripe/api-subset.json beside the
 * project, from the module's folder (where Maven runs the tests). The extract is not part of this
 * repository: where it is absent the fidelity tests are skipped, except in CI, which always has it.
 */
public final class StripeSpecExtract {

    public static final Path LOCATION = Path.of("../../shared/stripe/api-subset.json");

    private StripeSpecExtract() {
    }

    public static JsonNode load() {
        if (!Files.exists(LOCATION) && System.getenv("CI") == null) {
            Assumptions.abort("Stripe's spec extract is not at " + LOCATION.toAbsolutePath()
                    + ": skipping the fidelity checks against it");
        }
        try {
            return Json.parse(Files.readAllBytes(LOCATION));
        } catch (IOException e) {
            throw new UncheckedIOException("Stripe's spec extract is expected at " + LOCATION.toAbsolutePath(), e);
        }
    }

    /** Every operation of the extract, as "METHOD /path". */
    public static List<String> operations(JsonNode spec) {
        List<String> operations = new ArrayList<>();
        spec.get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }
}
