package io.billingaccounts.contract;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An answer of the server, already held to the contract. */
record Reply(int status, HttpResponse<String> response) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    JsonNode json() {
        return JSON.readTree(response.body());
    }

    String text(String field) {
        JsonNode node = json().path(field);
        return node.isNull() || node.isMissingNode() ? null : node.asString();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The field names of a 422's {@code errors}, in order. */
    java.util.List<String> errorFields() {
        java.util.List<String> fields = new java.util.ArrayList<>();
        json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Override
    public String toString() {
        return status + " " + response.body();
    }
}
