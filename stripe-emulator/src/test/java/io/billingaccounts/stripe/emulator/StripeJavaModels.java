package io.billingaccounts.stripe.emulator;

import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import com.stripe.model.Event;
import com.stripe.model.EventDataClassLookup;
import com.stripe.model.ExpandableField;
import com.stripe.model.StripeError;
import com.stripe.model.StripeObject;
import com.stripe.net.ApiResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Holds a JSON answer to the stripe-java model class that reads it. stripe-java's models are generated from
 * Stripe's API at the version it pins, so a field none of them has is a field Stripe does not send. Every field
 * must be one of the class's (its {@code @SerializedName}, or the name stripe-java's Gson gives a plain field), at
 * every depth, with a value of the field's kind; {@code object} must name the class, as stripe-java looks it up;
 * an expandable field is an id or the object. Null fits every field, as stripe-java reads it.
 */
final class StripeJavaModels {

    private final List<String> misfits = new ArrayList<>();

    private StripeJavaModels() {
    }

    /** @return one line per misfit, naming its path; empty when the answer fits */
    static List<String> misfits(JsonNode answer, Class<?> model) {
        StripeJavaModels check = new StripeJavaModels();
        check.value(answer, model, Map.of(), "$");
        if (model == Event.class) {
            check.eventData(answer);
        }
        return check.misfits;
    }

    /**
     * The fields stripe-java's models have that the answer leaves out, at every depth: Stripe sends every field of
     * its objects (null when it has no value), but those it sends only when asked ({@code expand[]}) or in some
     * cases only.
     *
     * @param notSent wire names, at any depth, that Stripe leaves out unless asked or when they do not apply
     * @return one line per field left out, naming its path; empty when the answer is whole
     */
    static List<String> absent(JsonNode answer, Class<?> model, Set<String> notSent) {
        List<String> absent = new ArrayList<>();
        absentIn(answer, model, Map.of(), "$", notSent, absent);
        return absent;
    }

    private static void absentIn(JsonNode value, Type type, Map<TypeVariable<?>, Type> variables, String path,
            Set<String> notSent, List<String> absent) {
        if (value == null || value.isNull()) {
            return;
        }
        if (type instanceof TypeVariable<?> variable) {
            absentIn(value, variables.getOrDefault(variable, Object.class), variables, path, notSent, absent);
            return;
        }
        Class<?> raw = raw(type);
        if (raw == List.class) {
            int index = 0;
            for (JsonNode element : value.values()) {
                absentIn(element, argument(type, 0), variables, path + "[" + index++ + "]", notSent, absent);
            }
        } else if (raw == ExpandableField.class) {
            if (value.isObject()) {
                absentIn(value, argument(type, 0), variables, path, notSent, absent);
            }
        } else if (StripeObject.class.isAssignableFrom(raw) && value.isObject()) {
            Map<TypeVariable<?>, Type> inner = typeVariables(type);
            wireFields(raw).forEach((name, field) -> {
                if (!value.has(name) && !notSent.contains(name)) {
                    absent.add(path + "." + name + ": stripe-java's " + raw.getName() + " has it, the answer leaves it"
                            + " out");
                } else if (value.has(name)) {
                    absentIn(value.get(name), field.getGenericType(), inner, path + "." + name, notSent, absent);
                }
            });
        }
    }

    /** Stripe's error answers wrap stripe-java's StripeError in one field, {@code error}. */
    static List<String> errorMisfits(JsonNode answer) {
        if (!answer.isObject() || !answer.has("error") || answer.size() != 1) {
            return List.of("$: an error answer is {\"error\": {...}}, not " + answer);
        }
        StripeJavaModels check = new StripeJavaModels();
        check.value(answer.get("error"), StripeError.class, Map.of(), "$.error");
        return check.misfits;
    }

    private void value(JsonNode value, Type type, Map<TypeVariable<?>, Type> variables, String path) {
        if (value.isNull()) {
            return;
        }
        if (type instanceof TypeVariable<?> variable) {
            value(value, variables.getOrDefault(variable, Object.class), variables, path);
            return;
        }
        Class<?> raw = raw(type);
        if (raw == List.class) {
            expect(value.isArray(), value, "a list", path);
            int index = 0;
            for (JsonNode element : value.values()) {
                value(element, argument(type, 0), variables, path + "[" + index++ + "]");
            }
        } else if (raw == Map.class) {
            expect(value.isObject(), value, "a map", path);
            value.properties().forEach(entry ->
                    value(entry.getValue(), argument(type, 1), variables, path + "." + entry.getKey()));
        } else if (raw == ExpandableField.class) {
            if (!value.isString()) {
                value(value, argument(type, 0), variables, path);
            }
        } else if (raw == String.class) {
            expect(value.isString(), value, "a string", path);
        } else if (raw == Long.class || raw == Integer.class) {
            expect(value.isIntegralNumber(), value, "an integer", path);
        } else if (raw == BigDecimal.class || raw == Double.class) {
            // Stripe sends its decimals as strings ("decimal_string"), which Gson reads into a BigDecimal too.
            expect(value.isNumber() || value.isString() && value.asString().matches("-?\\d+(\\.\\d+)?"), value,
                    "a number", path);
        } else if (raw == Boolean.class) {
            expect(value.isBoolean(), value, "a boolean", path);
        } else if (raw == JsonObject.class || raw.isInterface() || raw == Object.class) {
            // Raw JSON, or a union stripe-java resolves by the object's own "object": open here.
            expect(raw == Object.class || value.isObject(), value, "an object", path);
        } else if (StripeObject.class.isAssignableFrom(raw)) {
            object(value, raw, typeVariables(type), path);
        } else {
            misfits.add(path + ": no check for stripe-java's " + type.getTypeName());
        }
    }

    private void object(JsonNode value, Class<?> model, Map<TypeVariable<?>, Type> variables, String path) {
        if (!expect(value.isObject(), value, "an object (" + model.getSimpleName() + ")", path)) {
            return;
        }
        Map<String, Field> fields = wireFields(model);
        value.properties().forEach(entry -> {
            Field field = fields.get(entry.getKey());
            if (field == null) {
                misfits.add(path + "." + entry.getKey() + ": stripe-java's " + model.getName() + " has no such field");
            } else {
                value(entry.getValue(), field.getGenericType(), variables, path + "." + entry.getKey());
            }
        });
        Class<?> named = EventDataClassLookup.classLookup.get(value.path("object").asString(""));
        if (named != null && named != model) {
            misfits.add(path + ".object: " + value.get("object") + " is stripe-java's " + named.getName() + ", not "
                    + model.getName());
        }
    }

    /** {@code data.object} is raw JSON in stripe-java's Event, read as the class its {@code object} names. */
    private void eventData(JsonNode event) {
        JsonNode object = event.path("data").path("object");
        Class<?> model = EventDataClassLookup.classLookup.get(object.path("object").asString(""));
        if (model == null) {
            misfits.add("$.data.object.object: " + object.path("object") + " names no stripe-java class");
            return;
        }
        value(object, model, Map.of(), "$.data.object");
        Set<String> fields = wireFields(model).keySet();
        for (String changed : event.path("data").path("previous_attributes").propertyNames()) {
            if (!fields.contains(changed)) {
                misfits.add("$.data.previous_attributes." + changed + ": stripe-java's " + model.getName()
                        + " has no such field");
            }
        }
    }

    private boolean expect(boolean fits, JsonNode value, String kind, String path) {
        if (!fits) {
            misfits.add(path + ": " + kind + " in stripe-java, not " + value);
        }
        return fits;
    }

    /**
     * The fields stripe-java's Gson reads, by wire name: all but static, transient and private ones (stripe-java
     * keeps its own bookkeeping, such as a list's request parameters, in private fields).
     */
    private static Map<String, Field> wireFields(Class<?> model) {
        Map<String, Field> fields = new HashMap<>();
        for (Class<?> at = model; at != null && at != Object.class; at = at.getSuperclass()) {
            for (Field field : at.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || Modifier.isPrivate(modifiers)) {
                    continue;
                }
                SerializedName name = field.getAnnotation(SerializedName.class);
                fields.putIfAbsent(name != null ? name.value() : ApiResource.GSON.fieldNamingStrategy().translateName(field),
                        field);
            }
        }
        return fields;
    }

    /** What the type parameters of a generic superclass stand for: StripeCollection's T in CustomerCollection. */
    private static Map<TypeVariable<?>, Type> typeVariables(Type type) {
        Map<TypeVariable<?>, Type> variables = new HashMap<>();
        for (Type at = type; at != null && raw(at) != Object.class; at = raw(at).getGenericSuperclass()) {
            if (at instanceof ParameterizedType generic) {
                TypeVariable<?>[] parameters = raw(at).getTypeParameters();
                for (int i = 0; i < parameters.length; i++) {
                    variables.put(parameters[i], generic.getActualTypeArguments()[i]);
                }
            }
        }
        return variables;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType generic) {
            return (Class<?>) generic.getRawType();
        }
        return type instanceof Class<?> plain ? plain : Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType generic ? generic.getActualTypeArguments()[index] : Object.class;
    }
}
