package io.billingaccounts.server.web;

import java.util.stream.Collectors;

import tools.jackson.databind.DatabindException;

/** Names a field as the API does: its JSON property names, dotted when nested ({@code address.postal_code}). */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(DatabindException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
    }

    /**
     * Bean validation reports Java property paths; the generated DTOs name every property after its snake_case
     * JSON name, so converting back is exact.
     */
    static String ofBeanPath(String beanPath) {
        return beanPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
