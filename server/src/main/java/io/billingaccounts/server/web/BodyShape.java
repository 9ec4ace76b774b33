package io.billingaccounts.server.web;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.openapitools.jackson.nullable.JsonNullable;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a generated request DTO accepts, read off its getters: each JSON property, whether it may be null (the
 * generator wraps nullable properties in {@link JsonNullable}), the values of an enum, and the shape of a nested
 * object.
 */
final class BodyShape {

    private static final String MODEL_PACKAGE = "io.billingaccounts.server.api.model";
    // Computed once per class; a ClassValue may compute a nested class's shape while computing its owner's.
    private static final ClassValue<BodyShape> SHAPES = new ClassValue<>() {
        @Override
        protected BodyShape computeValue(Class<?> dto) {
            return read(dto);
        }
    };

    /** {@code uuid}: the generator reads it as a {@link UUID}, so a string that is none must be caught first. */
    record Property(boolean nullable, Set<String> enumValues, BodyShape nested, boolean uuid) {
    }

    private final Map<String, Property> properties;

    private BodyShape(Map<String, Property> properties) {
        this.properties = properties;
    }

    static boolean isRequestModel(Class<?> type) {
        return type.getPackageName().equals(MODEL_PACKAGE) && !type.isEnum();
    }

    static BodyShape of(Class<?> dto) {
        return SHAPES.get(dto);
    }

    Property property(String jsonName) {
        return properties.get(jsonName);
    }

    private static BodyShape read(Class<?> dto) {
        Map<String, Property> properties = new HashMap<>();
        for (Method getter : dto.getMethods()) {
            JsonProperty name = getter.getAnnotation(JsonProperty.class);
            if (name == null || getter.getParameterCount() != 0 || !getter.getName().startsWith("get")) {
                continue;
            }
            Class<?> type = getter.getReturnType();
            boolean nullable = JsonNullable.class.isAssignableFrom(type);
            // A list of objects is read as its elements' shape: each element is checked as a nested object is.
            Class<?> element = List.class.isAssignableFrom(type) ? elementOf(getter.getGenericReturnType()) : type;
            properties.put(name.value(), new Property(nullable, type.isEnum() ? enumValues(type) : null,
                    element != null && isRequestModel(element) ? of(element) : null, type == UUID.class));
        }
        return new BodyShape(properties);
    }

    private static Class<?> elementOf(Type listType) {
        return listType instanceof ParameterizedType list && list.getActualTypeArguments()[0] instanceof Class<?> c
                ? c : null;
    }

    /** The generated enums write their wire value with toString. */
    private static Set<String> enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.toSet());
    }
}
