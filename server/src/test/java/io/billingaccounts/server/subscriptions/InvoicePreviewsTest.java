package io.billingaccounts.server.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/**
 * Invoice previews: Stripe's preview of a new subscription, a change or a cancellation, shown in the Invoice shape,
 * with the service's own rules (a decrease credits nothing now) and nothing written anywhere.
 */
class InvoicePreviewsTest extends ServiceTest {

    private static final String OWNER = "usr_percy";

    @Test
    void aNewSubscriptionsFirstInvoiceIsPreviewedWithOneStripeCallAndNoWrite() {
        String account = accountWithCard();
        STRIPE.requests().clear();

        Reply preview = preview(account, "{\"items\": [{\"product_type\": \"locations\", \"quantity\": 5},"
                + " {\"product_type\": \"users\", \"quantity\": 25, \"interval\": \"month\"}]}");

        assertThat(preview.status()).as(preview.raw().body()).isEqualTo(200);
        assertThat(preview.text("id")).startsWith("upcoming_in_");
        assertThat(preview.text("status")).isEqualTo("draft");
        assertThat(preview.json().path("number").isNull()).isTrue();
        assertThat(preview.json().path("hosted_invoice_url").isNull()).isTrue();
        assertThat(preview.json().path("total").asLong()).isEqualTo(5 * 1000 + 25 * 500);
        assertThat(products(preview.json())).containsExactlyInAnyOrder("locations", "users");
        assertThat(STRIPE.requests().entries()).allMatch(r -> r.method().equals("GET")
                || r.path().equals("/v1/invoices/create_preview"));
        assertThat(STRIPE.requests().count("POST /v1/invoices/create_preview")).isEqualTo(1);
        assertThat(api.get(OWNER, account + "/subscriptions").json().path("data").size()).isZero();
    }

    @Test
    void anIncreaseShowsItsProrationsAndADecreaseNoCreditNow() {
        String account = accountWithCard();
        Reply subscribed = api.send(OWNER, "POST", account + "/subscriptions",
                "{\"product_quantities\": {\"locations\": 4, \"users\": 10}}", Map.of());
        assertThat(subscribed.status()).as(subscribed.raw().body()).isEqualTo(201);
        String subscription = subscribed.text("id");

        Reply increase = preview(account, "{\"subscription_id\": \"" + subscription + "\", \"items\": ["
                + "{\"product_type\": \"locations\", \"quantity\": 4}, {\"product_type\": \"users\", \"quantity\": 16}]}");
        Reply decrease = preview(account, "{\"subscription_id\": \"" + subscription + "\", \"items\": ["
                + "{\"product_type\": \"locations\", \"quantity\": 1}, {\"product_type\": \"users\", \"quantity\": 10}]}");

        assertThat(increase.status()).as(increase.raw().body()).isEqualTo(200);
        List<Long> increaseAmounts = amounts(increase.json());
        assertThat(increaseAmounts).anyMatch(amount -> amount < 0).as("the unused time of 10 users credited");
        assertThat(increase.json().path("total").asLong()).as("more than the renewal at 16 users")
                .isGreaterThan(4 * 1000 + 16 * 500);
        assertThat(decrease.status()).as(decrease.raw().body()).isEqualTo(200);
        assertThat(amounts(decrease.json())).allMatch(amount -> amount >= 0);
        assertThat(decrease.json().path("total").asLong()).isEqualTo(1 * 1000 + 10 * 500);
        JsonNode held = stripeGet("/v1/subscriptions/" + subscription);
        List<Integer> heldQuantities = new ArrayList<>();
        held.path("items").path("data").forEach(item -> heldQuantities.add(item.path("quantity").asInt()));
        assertThat(heldQuantities).as("Stripe's subscription is as it was").containsExactlyInAnyOrder(4, 10);
        assertThat(stripeGet("/v1/invoiceitems?customer=" + held.path("customer").asString()).path("data"))
                .as("a preview leaves no proration behind").isEmpty();
    }

    @Test
    void aCancellationLeavesNothingToBillAndTheRulesNameEveryField() {
        String account = accountWithCard();
        String subscription = api.send(OWNER, "POST", account + "/subscriptions",
                "{\"product_quantities\": {\"users\": 2}}", Map.of()).text("id");

        Reply cancellation = preview(account, "{\"subscription_id\": \"" + subscription
                + "\", \"cancel_subscription\": true}");
        Reply invalid = preview(account, "{\"cancel_subscription\": true, \"items\": [{\"product_type\": \"sso\","
                + " \"quantity\": 2}, {\"product_type\": \"sso\", \"quantity\": 1}]}");
        Reply unknown = preview(account, "{\"subscription_id\": \"sub_unknown\", \"cancel_subscription\": true}");
        Reply wrongShape = preview(account, "{\"items\": [{\"product_type\": \"users\", \"quantity\": 1},"
                + " {\"product_type\": \"seats\", \"quantity\": -1, \"interval\": \"year\"}]}");

        assertThat(cancellation.status()).as(cancellation.raw().body()).isEqualTo(200);
        assertThat(cancellation.json().path("total").asLong()).isZero();
        assertThat(cancellation.json().path("lines")).isEmpty();
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorFields()).containsExactlyInAnyOrder("cancel_subscription", "items",
                "items[0].quantity", "items[1].product_type");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongShape.status()).as(wrongShape.raw().body()).isEqualTo(422);
        assertThat(wrongShape.errorFields()).containsExactlyInAnyOrder("items[1].product_type", "items[1].quantity",
                "items[1].interval");
    }

    private Reply preview(String account, String body) {
        return api.send(OWNER, "POST", account + "/invoices/preview", body, Map.of());
    }

    /** A billing account with a default card, in a workspace that has used its trial (it has two accounts). */
    private String accountWithCard() {
        String workspace = api.workspace(OWNER, "pooled");
        api.account(OWNER, workspace);
        String account = "/workspaces/" + workspace + "/billing-accounts/" + api.account(OWNER, workspace);
        Reply setup = api.send(OWNER, "POST", account + "/payment-methods", null, Map.of());
        confirmCard(setup.text("client_secret"), "pm_card_visa");
        assertThat(api.get(OWNER, account + "/payment-methods").json().path("data").size()).isEqualTo(1);
        return account;
    }

    private static List<Long> amounts(JsonNode invoice) {
        List<Long> amounts = new ArrayList<>();
        invoice.path("lines").forEach(line -> amounts.add(line.path("amount").asLong()));
        return amounts;
    }

    private static List<String> products(JsonNode invoice) {
        List<String> products = new ArrayList<>();
        invoice.path("lines").forEach(line -> products.add(line.path("product_name").asString()));
        return products;
    }
}
