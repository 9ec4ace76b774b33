package io.billingaccounts.contract;

import java.net.http.HttpResponse;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/** Holds every response a test sees to api/openapi.yaml: status, headers and body. */
final class ContractValidator {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(RepoPaths.spec().toUri().toString())
            .build();

    private ContractValidator() {
    }

    static void assertConforms(String method, String path, HttpResponse<String> response) {
        assertConforms(method, path, response.statusCode(), response.headers().map(), response.body());
    }

    static void assertConforms(String method, String path, int status, java.util.Map<String, java.util.List<String>> headers,
                               String body) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> builder.withHeader(name, values));
        if (!body.isEmpty()) {
            builder.withBody(body);
        }
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        ValidationReport report = VALIDATOR.validateResponse(pathOnly, Request.Method.valueOf(method), builder.build());
        if (report.hasErrors()) {
            throw new AssertionError("Response to " + method + " " + path + " breaks the contract:\n"
                    + report.getMessages().stream().map(m -> "  " + m.getKey() + ": " + m.getMessage())
                    .collect(Collectors.joining("\n")) + "\nstatus " + status + " body: " + body);
        }
    }
}
