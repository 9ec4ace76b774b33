package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * One billing account of a fresh workspace with its payment methods, subscriptions and trial eligibility, seen
 * through the API as {@code owner} and in Stripe.
 */
record Billing(RawApi api, StripeEmulatorControl stripe, String owner, String workspace, String id) {

    /** The catalog's monthly unit amounts in minor units, the same in every currency. */
    static final Map<String, Long> UNIT_AMOUNTS = Map.of("locations", 1000L, "users", 500L, "sso", 5000L);

    /** A workspace of {@code mode} with one billing account (ServiceScenarios.ACCOUNT, in zar). */
    static Billing open(RawApi api, StripeEmulatorControl stripe, String owner, String mode) {
        Reply ws = api.post(owner, "/workspaces", "{\"name\": \"Billing\", \"billing_mode\": \"" + mode + "\"}");
        assertThat(ws.status()).as(ws.toString()).isEqualTo(201);
        return new Billing(api, stripe, owner, ws.text("id"), null).another();
    }

    /** The same account through another API (a restarted server issues tokens of its own). */
    Billing on(RawApi other) {
        return new Billing(other, stripe, owner, workspace, id);
    }

    /** Another billing account in the same workspace. */
    Billing another() {
        Reply created = api.post(owner, ServiceScenarios.accounts(workspace), ServiceScenarios.ACCOUNT);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Billing(api, stripe, owner, workspace, created.text("id"));
    }

    String path() {
        return ServiceScenarios.accounts(workspace) + "/" + id;
    }

    String paymentMethods() {
        return path() + "/payment-methods";
    }

    String paymentMethod(String paymentMethodId) {
        return paymentMethods() + "/" + paymentMethodId;
    }

    String subscriptions() {
        return path() + "/subscriptions";
    }

    String subscription(String subscriptionId) {
        return subscriptions() + "/" + subscriptionId;
    }

    String invoices() {
        return path() + "/invoices";
    }

    /** The account's invoices on one page as large as the API allows, newest first. */
    JsonNode invoiceList() {
        Reply list = api.get(owner, invoices() + "?limit=200");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("data");
    }

    String trialEligibility() {
        return path() + "/trial-eligibility";
    }

    /**
     * A setup intent through the API, confirmed in Stripe with the test card, then listed: the new payment method's
     * id.
     */
    String addCard(String testCard) {
        Reply setup = api.post(owner, paymentMethods(), null);
        assertThat(setup.status()).as(setup.toString()).isEqualTo(201);
        JsonNode confirmed = stripe.confirmSetupIntent(setupIntentId(setup.text("client_secret")), testCard);
        assertThat(confirmed.path("status").asString()).isEqualTo("succeeded");
        String paymentMethod = confirmed.path("payment_method").asString();
        // As a browser's page would next: the list shows the card, webhook or not.
        assertThat(paymentMethodList()).extracting(c -> c.path("id").asString()).contains(paymentMethod);
        return paymentMethod;
    }

    /** The setup intent's id in a client secret {@code seti_..._secret_...}. */
    static String setupIntentId(String clientSecret) {
        assertThat(clientSecret).matches("seti_[A-Za-z0-9]+_secret_[A-Za-z0-9]+");
        return clientSecret.substring(0, clientSecret.indexOf("_secret_"));
    }

    JsonNode paymentMethodList() {
        Reply list = api.get(owner, paymentMethods());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("data");
    }

    Reply subscribe(String productQuantities, String... headers) {
        return api.post(owner, subscriptions(), "{\"product_quantities\": " + productQuantities + "}", headers);
    }

    /** A subscription that must be created: its id. */
    String subscribed(String productQuantities) {
        Reply created = subscribe(productQuantities);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    JsonNode subscriptionList() {
        Reply list = api.get(owner, subscriptions());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("data");
    }

    /** A subscription's products as the API answers them: product to quantity. */
    static Map<String, Integer> quantities(JsonNode subscription) {
        Map<String, Integer> quantities = new TreeMap<>();
        subscription.path("product_quantities").properties()
                .forEach(e -> quantities.put(e.getKey(), e.getValue().path("quantity").asInt()));
        return quantities;
    }

    /**
     * The products a subscription's pending decrease leaves at the period's end ({@code pending_product_quantities}):
     * product to quantity; empty when nothing waits (null).
     */
    static Map<String, Integer> pendingQuantities(JsonNode subscription) {
        Map<String, Integer> quantities = new TreeMap<>();
        subscription.path("pending_product_quantities").properties()
                .forEach(e -> quantities.put(e.getKey(), e.getValue().path("quantity").asInt()));
        return quantities;
    }

    /** A subscription's items: price id to quantity, as the API answers them or as Stripe holds them. */
    static Map<String, Integer> priceQuantities(JsonNode subscription) {
        Map<String, Integer> quantities = new TreeMap<>();
        if (subscription.has("items")) {
            subscription.path("items").path("data").forEach(item ->
                    quantities.put(item.path("price").path("id").asString(), item.path("quantity").asInt()));
        } else {
            subscription.path("product_quantities").properties().forEach(e -> quantities.put(
                    e.getValue().path("price_id").asString(), e.getValue().path("quantity").asInt()));
        }
        return quantities;
    }

    /** The status the API owes for a subscription as Stripe holds it: paused collection reads {@code paused}. */
    static String apiStatus(JsonNode stripeSubscription) {
        JsonNode pause = stripeSubscription.path("pause_collection");
        boolean paused = !pause.isNull() && !pause.isMissingNode() && !pause.path("behavior").isMissingNode();
        return paused && !stripeSubscription.path("status").asString().equals("canceled") ? "paused"
                : stripeSubscription.path("status").asString();
    }

    /**
     * Where the account's subscriptions through the API and the customer's subscriptions in Stripe disagree: a
     * live one on one side only, or another status or other items. Empty when they agree.
     */
    List<String> divergences() {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> inStripe = stripe.subscriptionsOf(id);
        Map<String, JsonNode> inApi = new TreeMap<>();
        subscriptionList().forEach(s -> inApi.put(s.path("id").asString(), s));
        inStripe.forEach((subscriptionId, held) -> {
            JsonNode answered = inApi.get(subscriptionId);
            if (answered == null) {
                if (!held.path("status").asString().equals("canceled")) {
                    problems.add("live in Stripe only: " + subscriptionId);
                }
            } else if (!apiStatus(held).equals(answered.path("status").asString())) {
                problems.add(subscriptionId + " is " + apiStatus(held) + " in Stripe, " + answered.path("status")
                        .asString() + " through the API");
            } else if (!priceQuantities(held).equals(priceQuantities(answered))) {
                problems.add(subscriptionId + " has " + priceQuantities(held) + " in Stripe, "
                        + priceQuantities(answered) + " through the API");
            }
        });
        inApi.keySet().stream().filter(s -> !inStripe.containsKey(s))
                .forEach(s -> problems.add("through the API only: " + s));
        return problems;
    }

    /** The Stripe subscriptions of the customer that are not canceled. */
    List<String> liveInStripe() {
        return stripe.subscriptionsOf(id).values().stream()
                .filter(s -> !s.path("status").asString().equals("canceled"))
                .map(s -> s.path("id").asString()).toList();
    }
}
