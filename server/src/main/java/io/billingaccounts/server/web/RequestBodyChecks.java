package io.billingaccounts.server.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import io.billingaccounts.server.api.model.BillingAccountCreateDto;
import io.billingaccounts.server.api.model.BillingAccountPatchDto;
import io.billingaccounts.server.api.model.OrganizationCreateDto;
import io.billingaccounts.server.api.model.OrganizationPatchDto;
import io.billingaccounts.server.api.model.SubscriptionCreateDto;
import io.billingaccounts.server.api.model.SubscriptionPatchDto;
import io.billingaccounts.server.api.model.WorkspacePatchDto;
import io.billingaccounts.server.billing.BillingAccountPatch;
import io.billingaccounts.server.billing.BillingAccountRules;
import io.billingaccounts.server.organizations.NewOrganization;
import io.billingaccounts.server.organizations.OrganizationPatch;
import io.billingaccounts.server.subscriptions.SubscriptionPatch;
import io.billingaccounts.server.subscriptions.SubscriptionRules;
import io.billingaccounts.server.workspace.WorkspacePatch;
import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Violations;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a request body whole, so that one 422 names every offending field: first what the wire alone refuses
 * (a null where the contract allows none, an unknown field, a value outside an enum), taken out of the body so
 * that the rest can still be read; then the contract's limits on the rest (bean validation of the generated
 * DTO); then the domain's rules for that body, the one place they run for it: the domain's reading of a body
 * that passes is kept for its delegate ({@link CheckedBodies}). A body that is not JSON, or has a wrong JSON type,
 * is left to the converter and answered 400.
 */
@ControllerAdvice
class RequestBodyChecks extends RequestBodyAdviceAdapter {

    private static final String FINDINGS = RequestBodyChecks.class.getName() + ".findings";

    /** A body as the domain reads it, and what the domain's rules find wrong with that reading. */
    private record Reading(Object domain, List<FieldViolation> violations) {
    }

    /**
     * How a body reads in the domain, given the fields the wire could not place; {@code judged} are those of them
     * the reading names itself (the patch's currency), the rest are unknown fields.
     */
    private record DomainRules(BiFunction<Object, Set<String>, Reading> read, Set<String> judged) {
    }

    private static final Map<Class<?>, DomainRules> DOMAIN_RULES = Map.ofEntries(
            rules(BillingAccountCreateDto.class, BillingAccountMapper::toNew, BillingAccountRules::violations),
            rules(BillingAccountPatchDto.class, BillingAccountMapper::toPatch, BillingAccountPatch::violations,
                    BillingAccountMapper.fieldsThePatchJudges()),
            rules(SubscriptionCreateDto.class, SubscriptionMapper::toNew, SubscriptionRules::violations),
            rules(SubscriptionPatchDto.class, SubscriptionMapper::toPatch, SubscriptionPatch::violations),
            rules(WorkspacePatchDto.class, WorkspaceMapper::toPatch, WorkspacePatch::violations),
            rules(OrganizationCreateDto.class, OrganizationMapper::toNew, NewOrganization::violations),
            rules(OrganizationPatchDto.class, OrganizationMapper::toPatch, OrganizationPatch::violations));

    private static <B, D> Map.Entry<Class<?>, DomainRules> rules(Class<B> body, Function<B, D> read,
                                                                  Function<D, List<FieldViolation>> rules) {
        return rules(body, (dto, others) -> read.apply(dto), rules, Set.of());
    }

    private static <B, D> Map.Entry<Class<?>, DomainRules> rules(Class<B> body, BiFunction<B, Set<String>, D> read,
                                                                  Function<D, List<FieldViolation>> rules,
                                                                  Set<String> judged) {
        return Map.entry(body, new DomainRules((dto, others) -> {
            D domain = read.apply(body.cast(dto), others);
            return new Reading(domain, rules.apply(domain));
        }, judged));
    }

    private final JsonMapper json;
    private final Validator validator;
    private final jakarta.servlet.http.HttpServletRequest request;

    RequestBodyChecks(JsonMapper json, Validator validator, jakarta.servlet.http.HttpServletRequest request) {
        this.json = json;
        this.validator = validator;
        this.request = request;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && BodyShape.isRequestModel(type);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException notJson) {
            return replay(input.getHeaders(), body);
        }
        if (!(tree instanceof ObjectNode object)) {
            return replay(input.getHeaders(), body);
        }
        Findings findings = new Findings();
        scan(object, BodyShape.of((Class<?>) targetType), "", findings);
        request.setAttribute(FINDINGS, findings);
        // Each finding took its field out; a body without any is read as it came.
        return replay(input.getHeaders(), findings.violations.isEmpty() && findings.unknown.isEmpty() ? body
                : json.writeValueAsBytes(object));
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        Findings findings = (Findings) request.getAttribute(FINDINGS);
        Violations violations = new Violations().addAll(findings.violations);
        for (ConstraintViolation<Object> broken : validator.validate(body)) {
            violations.add(new FieldViolation(JsonPaths.ofBeanPath(propertyOf(broken)),
                    ApiErrorHandler.ruleOf(broken.getConstraintDescriptor().getAnnotation().annotationType()
                            .getSimpleName()), broken.getMessage()));
        }
        DomainRules rules = DOMAIN_RULES.get(body.getClass());
        Reading reading = rules == null ? null : rules.read().apply(body, findings.unknown);
        if (reading != null) {
            violations.addAll(reading.violations());
        }
        for (String unknown : findings.unknown) {
            if (rules == null || !rules.judged().contains(unknown)) {
                violations.add(unknown, "unknown_field", "is not a field of this request");
            }
        }
        violations.throwIfAny();
        if (reading != null) {
            CheckedBodies.keep(request, body, reading.domain());
        }
        return body;
    }

    /** Takes out of {@code object} what its shape refuses, noting each; nested objects are scanned too. */
    private static void scan(ObjectNode object, BodyShape shape, String prefix, Findings findings) {
        for (String name : new ArrayList<>(object.propertyNames())) {
            String field = prefix + name;
            BodyShape.Property property = shape.property(name);
            JsonNode value = object.get(name);
            if (property == null) {
                findings.unknown.add(field);
                object.remove(name);
            } else if (value.isNull() && !property.nullable()) {
                findings.violations.add(new FieldViolation(field, "not_nullable", "must not be null"));
                object.remove(name);
            } else if (property.enumValues() != null
                    && (!value.isString() || !property.enumValues().contains(value.asString()))) {
                findings.violations.add(new FieldViolation(field, "invalid_value",
                        "must be one of " + String.join(", ", property.enumValues().stream().sorted().toList())));
                object.remove(name);
            } else if (property.uuid() && value.isString() && !isUuid(value.asString())) {
                findings.violations.add(new FieldViolation(field, "invalid_format", "must be a UUID"));
                object.remove(name);
            } else if (property.nested() != null && value instanceof ObjectNode nested) {
                scan(nested, property.nested(), field + ".", findings);
            } else if (property.nested() != null && value instanceof ArrayNode elements) {
                for (int i = 0; i < elements.size(); i++) {
                    if (elements.get(i) instanceof ObjectNode element) {
                        scan(element, property.nested(), field + "[" + i + "].", findings);
                    }
                }
            }
        }
    }

    private static boolean isUuid(String value) {
        try {
            // UUID.fromString takes shortened groups too; the contract's uuid is the canonical 36 characters.
            return value.length() == 36 && UUID.fromString(value) != null;
        } catch (IllegalArgumentException notOne) {
            return false;
        }
    }

    /** Bean validation's path, without the container element of a JsonNullable. */
    private static String propertyOf(ConstraintViolation<?> broken) {
        List<String> names = new ArrayList<>();
        broken.getPropertyPath().forEach(node -> {
            if (node.isInIterable() && node.getIndex() != null && !names.isEmpty()) {
                // The index of a list's element is told on the node below the list: items[0].quantity.
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                names.add(node.getName());
            }
        });
        return String.join(".", names);
    }

    private static HttpInputMessage replay(HttpHeaders headers, byte[] body) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    private static final class Findings {
        private final List<FieldViolation> violations = new ArrayList<>();
        private final Set<String> unknown = new LinkedHashSet<>();
    }
}
