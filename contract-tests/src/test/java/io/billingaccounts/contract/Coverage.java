package io.billingaccounts.contract;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;

/** Which documented operation and response code the tests have seen, to name the ones no test exercises. */
final class Coverage {

    private static final OpenAPI SPEC = new OpenAPIV3Parser().read(RepoPaths.spec().toString());
    private static final Map<Pattern, String> TEMPLATES = new ConcurrentHashMap<>();
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    static {
        SPEC.getPaths().keySet().forEach(template -> TEMPLATES.put(
                Pattern.compile("^" + template.replaceAll("\\{[^}]+}", "[^/]+") + "$"), template));
    }

    private Coverage() {
    }

    static void record(String method, String path, int status) {
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        TEMPLATES.forEach((pattern, template) -> {
            if (pattern.matcher(pathOnly).matches()) {
                SEEN.add(key(method, template, status));
            }
        });
    }

    /** Every documented "METHOD template status" that no test has seen yet. */
    static Set<String> missing() {
        Set<String> missing = new TreeSet<>();
        SPEC.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
                operation.getResponses().keySet().forEach(status -> {
                    String key = key(method.name(), template, Integer.parseInt(status));
                    if (!SEEN.contains(key)) {
                        missing.add(key + " (" + operation.getOperationId() + ")");
                    }
                })));
        return missing;
    }

    private static String key(String method, String template, int status) {
        return method.toUpperCase() + " " + template + " " + status;
    }

    static PathItem item(String template) {
        return SPEC.getPaths().get(template);
    }
}
