package io.billingaccounts.server.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Invoices from the mirror: the first one listed with its subscription's answer, pages both ways, bad cursors. */
class InvoicesTest extends ServiceTest {

    private static final String OWNER = "usr_ivy";

    @Test
    void aChargedSubscriptionsInvoiceIsListedAtOnceWithItsLinesAndNoStripeCall() {
        String account = accountWithCard();
        Reply subscribed = subscribe(account, "{\"product_quantities\": {\"locations\": 2, \"sso\": 1}}");
        assertThat(subscribed.status()).as(subscribed.raw().body()).isEqualTo(201);
        STRIPE.requests().clear();

        JsonNode page = api.get(OWNER, account + "/invoices").json();

        assertThat(STRIPE.requests().entries()).isEmpty();
        assertThat(page.path("data").size()).isEqualTo(1);
        JsonNode invoice = page.path("data").get(0);
        assertThat(invoice.path("status").asString()).isEqualTo("paid");
        assertThat(invoice.path("total").asLong()).isEqualTo(2 * 1000 + 5000);
        assertThat(invoice.path("amount_paid").asLong()).isEqualTo(invoice.path("total").asLong());
        assertThat(invoice.path("customer_id").asString()).isEqualTo(account.substring(account.lastIndexOf('/') + 1));
        List<String> products = new ArrayList<>();
        invoice.path("lines").forEach(line -> products.add(line.path("product_name").asString()));
        assertThat(products).hasSize(2).allSatisfy(name -> assertThat(name).isNotBlank());
        assertThat(page.path("has_more").asBoolean()).isFalse();
        assertThat(page.path("next_cursor").isNull()).isTrue();
        assertThat(page.path("previous_cursor").isNull()).isTrue();
    }

    @Test
    void cursorsPageForwardAndBackReturningEveryInvoiceOnceNewestFirst() {
        String account = accountWithCard();
        for (int i = 1; i <= 3; i++) {
            assertThat(subscribe(account, "{\"product_quantities\": {\"users\": " + i + "}}").status()).isEqualTo(201);
        }
        List<String> newestFirst = new ArrayList<>();
        api.get(OWNER, account + "/invoices").json().path("data")
                .forEach(invoice -> newestFirst.add(invoice.path("id").asString()));
        assertThat(newestFirst).hasSize(3).doesNotHaveDuplicates();

        List<String> forward = new ArrayList<>();
        String after = null;
        JsonNode page;
        do {
            page = api.get(OWNER, account + "/invoices?limit=1" + (after == null ? "" : "&after=" + after)).json();
            page.path("data").forEach(invoice -> forward.add(invoice.path("id").asString()));
            after = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
        } while (after != null);
        assertThat(forward).isEqualTo(newestFirst);

        List<String> backward = new ArrayList<>();
        String before = newestFirst.get(2);
        do {
            page = api.get(OWNER, account + "/invoices?limit=1&before=" + before).json();
            page.path("data").forEach(invoice -> backward.add(0, invoice.path("id").asString()));
            before = page.path("previous_cursor").isNull() ? null : page.path("previous_cursor").asString();
        } while (before != null);
        assertThat(backward).isEqualTo(newestFirst.subList(0, 2));
    }

    @Test
    void badLimitsAndCursorsAreNamed() {
        String account = accountWithCard();
        String other = accountWithCard();
        subscribe(other, "{\"product_quantities\": {\"users\": 1}}");
        String othersInvoice = api.get(OWNER, other + "/invoices").json().path("data").get(0).path("id").asString();

        for (String limit : new String[] {"0", "201", "x"}) {
            Reply refused = api.get(OWNER, account + "/invoices?limit=" + limit);
            assertThat(refused.status()).as(limit).isEqualTo(422);
            assertThat(refused.errorFields()).containsExactly("limit");
        }
        Reply foreign = api.get(OWNER, account + "/invoices?after=" + othersInvoice + "&before=in_unknown");
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.text("code")).isEqualTo("invalid_cursor");
        assertThat(foreign.errorFields()).containsExactlyInAnyOrder("after", "before");
    }

    /** An account charged at once (its workspace has two, so no trial) whose default card is a Visa. */
    private String accountWithCard() {
        String workspace = api.workspace(OWNER, "pooled");
        api.account(OWNER, workspace);
        String account = "/workspaces/" + workspace + "/billing-accounts/" + api.account(OWNER, workspace);
        Reply setup = api.send(OWNER, "POST", account + "/payment-methods", null, Map.of());
        confirmCard(setup.text("client_secret"), "pm_card_visa");
        assertThat(api.get(OWNER, account + "/payment-methods").json().path("data").size()).isEqualTo(1);
        return account;
    }

    private Reply subscribe(String account, String body) {
        return api.send(OWNER, "POST", account + "/subscriptions", body, Map.of());
    }
}
