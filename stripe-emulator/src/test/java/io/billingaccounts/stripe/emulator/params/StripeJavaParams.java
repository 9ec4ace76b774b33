package io.billingaccounts.stripe.emulator.params;

import com.google.gson.annotations.SerializedName;
import com.stripe.net.ApiRequestParams;
import com.stripe.param.common.EmptyParam;
import io.billingaccounts.stripe.emulator.support.Json;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters a stripe-java request class sends, as rules in stripe-params.json's terms. stripe-java's
 * parameter classes are generated from Stripe's API at the version it pins: each {@code @SerializedName} field is
 * a parameter; the builder's setters tell what it takes when the field's type cannot (a nested class or
 * {@link EmptyParam}, a list or {@code ""}, an integer or an enum). Only names, types, enums and whether {@code ""}
 * unsets are there: lengths and required parameters are not in stripe-java, and stay as the catalog keeps them.
 */
final class StripeJavaParams {

    /** The order of a union's alternatives: composite kinds first, as the catalog has always listed them. */
    private static final List<String> KIND_ORDER = List.of("object", "map", "array", "integer", "number", "boolean", "string");

    private StripeJavaParams() {
    }

    /** @param paramsClass null for an endpoint that stripe-java calls without parameters */
    static ObjectNode endpoint(Class<? extends ApiRequestParams> paramsClass) {
        ObjectNode endpoint = Json.object();
        endpoint.putArray("required");
        endpoint.set("params", paramsClass == null ? Json.object() : properties(paramsClass));
        return endpoint;
    }

    private static ObjectNode properties(Class<?> paramsClass) {
        Map<String, JsonNode> properties = new TreeMap<>();
        for (Field field : paramsClass.getDeclaredFields()) {
            SerializedName name = field.getAnnotation(SerializedName.class);
            if (name != null && !name.value().equals(ApiRequestParams.EXTRA_PARAMS_KEY)) {
                properties.put(name.value(), rule(field));
            }
        }
        ObjectNode object = Json.object();
        properties.forEach(object::set);
        return object;
    }

    private static ObjectNode rule(Field field) {
        List<Type> accepted = setterTypes(field);
        if (accepted.isEmpty()) {
            accepted.add(field.getGenericType());
        }
        boolean emptyable = accepted.remove(EmptyParam.class);
        List<ObjectNode> alternatives = new ArrayList<>();
        accepted.forEach(type -> alternatives.add(rule(type, field)));
        alternatives.sort(Comparator.comparing((ObjectNode rule) -> KIND_ORDER.indexOf(rule.get("type").asString()))
                .thenComparing(JsonNode::toString));
        ObjectNode rule;
        if (alternatives.size() == 1) {
            rule = alternatives.get(0);
        } else {
            rule = Json.object();
            alternatives.forEach(rule.putArray("anyOf")::add);
        }
        if (emptyable) {
            rule.put("emptyable", true);
        }
        return rule;
    }

    /** The one-argument {@code setX} methods of the class's builder, which stripe-java overloads per alternative. */
    private static List<Type> setterTypes(Field field) {
        String setter = "set" + Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
        List<Type> types = new ArrayList<>();
        for (Class<?> nested : field.getDeclaringClass().getDeclaredClasses()) {
            if (nested.getSimpleName().equals("Builder")) {
                for (Method method : nested.getDeclaredMethods()) {
                    if (method.getName().equals(setter) && method.getParameterCount() == 1) {
                        types.add(method.getGenericParameterTypes()[0]);
                    }
                }
            }
        }
        types.sort(Comparator.comparing(Type::getTypeName));
        return types;
    }

    private static ObjectNode rule(Type type, Field field) {
        ObjectNode rule = Json.object();
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            rule.put("type", "array");
            rule.set("items", rule(generic.getActualTypeArguments()[0], field));
        } else if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
            rule.put("type", "map");
            rule.set("values", rule(generic.getActualTypeArguments()[1], field));
        } else if (type == String.class) {
            rule.put("type", "string");
        } else if (type == Long.class || type == Integer.class) {
            rule.put("type", "integer");
        } else if (type == BigDecimal.class) {
            rule.put("type", "number");
        } else if (type == Boolean.class) {
            rule.put("type", "boolean");
        } else if (type instanceof Class<?> enumClass && enumClass.isEnum()) {
            rule.put("type", "string");
            for (Object constant : enumClass.getEnumConstants()) {
                rule.withArray("enum").add(((ApiRequestParams.EnumParam) constant).getValue());
            }
        } else if (type instanceof Class<?> nested && nested.getName().startsWith("com.stripe.param.")
                && !Modifier.isAbstract(nested.getModifiers())) {
            rule.put("type", "object");
            rule.set("properties", properties(nested));
        } else {
            throw new IllegalStateException("no rule for " + type.getTypeName() + " of " + field);
        }
        return rule;
    }
}
