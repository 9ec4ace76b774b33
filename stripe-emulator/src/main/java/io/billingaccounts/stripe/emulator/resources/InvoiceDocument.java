package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The invoice object in the shape of the Stripe API version stripe-java pins: a subscription's invoice, one line a
 * {@link BilledLine} (an item's period, {@code 5 × Locations (at $10.00 / month)}, or a proration), without tax or
 * discounts. It is made finalized ({@code open}, numbered) and then paid, or left open when its payment fails or
 * waits; while collection is paused, it is left a draft, voided or marked uncollectible instead. A preview is a
 * draft that is never kept.
 */
final class InvoiceDocument {

    static final String KIND = "invoice";
    /** An invoice's lines, each kept as an object of its own too, for {@code GET /v1/invoices/{id}/lines}. */
    static final String LINE_KIND = "line_item";
    /** How many lines the invoice itself shows, as on Stripe; the rest are paged from its lines' URL. */
    static final int LINES_SHOWN = 10;

    private static final Map<String, String> CURRENCY_SYMBOLS =
            Map.of("usd", "$", "eur", "€", "gbp", "£", "aud", "A$", "zar", "R");

    private InvoiceDocument() {
    }

    /**
     * A finalized invoice and all its lines, in order: the invoice shows the first {@value #LINES_SHOWN}.
     */
    record Made(ObjectNode invoice, List<ObjectNode> lines) {
    }

    /**
     * A finalized invoice of the bill, numbered in the customer's sequence. The customer's balance (a credit when
     * negative) counts towards what is due; {@code ending_balance} is what is left of it, which the caller keeps on
     * the customer.
     */
    static Made finalized(ObjectNode subscription, ObjectNode customer, Bill bill, long now) {
        Made made = build(StripeIds.invoice(), StripeIds::invoiceLine, subscription.get("id").asString(),
                subscription.get("metadata"), subscription.get("currency").asString(), customer, bill, now);
        ObjectNode invoice = made.invoice();
        String id = invoice.get("id").asString();
        invoice.put("effective_at", now);
        invoice.put("ending_balance", Math.min(0, bill.total() + invoice.get("starting_balance").asLong()));
        invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/acct_emulator/test_" + id);
        invoice.put("invoice_pdf", "https://pay.stripe.com/invoice/acct_emulator/test_" + id + "/pdf");
        invoice.put("number", customer.get("invoice_prefix").asString() + "-"
                + String.format(Locale.ROOT, "%04d", customer.get("next_invoice_sequence").asLong()));
        invoice.put("status", "open");
        ((ObjectNode) invoice.get("status_transitions")).put("finalized_at", now);
        return made;
    }

    /**
     * What Stripe's create preview answers: a draft that is never kept, its id {@code upcoming_in_...}, its lines'
     * {@code il_tmp_...}; its {@code billing_reason} is the bill's ({@code upcoming}); what is due would be charged as
     * it is made ({@code next_payment_attempt}).
     *
     * @param subscriptionId null when it previews a subscription not made yet
     * @param created when the invoice would be made
     * @param prorationDate when the prorations it previews are computed from, or null when it previews none
     */
    static ObjectNode preview(String subscriptionId, JsonNode subscriptionMetadata, String currency,
            ObjectNode customer, Bill bill, long created, Long prorationDate) {
        ObjectNode invoice = build(StripeIds.previewInvoice(), StripeIds::previewInvoiceLine, subscriptionId,
                subscriptionMetadata, currency, customer, bill, created).invoice();
        if (invoice.get("amount_due").asLong() > 0) {
            invoice.put("next_payment_attempt", created);
        }
        if (prorationDate != null) {
            ((ObjectNode) invoice.at("/parent/subscription_details")).put("subscription_proration_date", prorationDate);
        }
        return invoice;
    }

    /** A draft of the bill: lines in the bill's order, the total less the customer's balance due. */
    private static Made build(String id, Supplier<String> lineIds, String subscriptionId,
            JsonNode subscriptionMetadata, String currency, ObjectNode customer, Bill bill, long created) {
        List<ObjectNode> lines = new ArrayList<>();
        for (BilledLine billed : bill.lines()) {
            lines.add(line(lineIds.get(), id, subscriptionId, billed));
        }
        long total = bill.total();
        long startingBalance = customer.get("balance").asLong();
        long due = Math.max(0, total + startingBalance);
        ArrayNode shown = Json.array();
        lines.stream().limit(LINES_SHOWN).forEach(line -> shown.add(line.deepCopy()));
        ObjectNode invoice = Json.object();
        invoice.put("id", id);
        invoice.put("object", KIND);
        invoice.put("account_country", "US");
        invoice.putNull("account_name");
        invoice.putNull("account_tax_ids");
        invoice.put("amount_due", due);
        invoice.put("amount_overpaid", 0);
        invoice.put("amount_paid", 0);
        invoice.put("amount_remaining", due);
        invoice.put("amount_shipping", 0);
        invoice.putNull("application");
        invoice.put("attempt_count", 0);
        invoice.put("attempted", false);
        invoice.put("auto_advance", true);
        ObjectNode automaticTax = invoice.putObject("automatic_tax");
        automaticTax.putNull("disabled_reason").put("enabled", false).putNull("liability").putNull("provider")
                .putNull("status");
        invoice.putNull("automatically_finalizes_at");
        invoice.put("billing_reason", bill.billingReason());
        invoice.put("collection_method", "charge_automatically");
        invoice.put("created", created);
        invoice.put("currency", currency);
        invoice.putNull("custom_fields");
        invoice.put("customer", customer.get("id").asString());
        invoice.putNull("customer_account");
        invoice.set("customer_address", customer.get("address"));
        invoice.set("customer_email", customer.get("email"));
        invoice.set("customer_name", customer.get("name"));
        invoice.set("customer_phone", customer.get("phone"));
        invoice.set("customer_shipping", customer.get("shipping"));
        invoice.set("customer_tax_exempt", customer.get("tax_exempt"));
        invoice.putArray("customer_tax_ids");
        invoice.putNull("default_payment_method");
        invoice.putNull("default_source");
        invoice.putArray("default_tax_rates");
        invoice.putNull("description");
        invoice.putArray("discounts");
        invoice.putNull("due_date");
        invoice.putNull("effective_at");
        invoice.putNull("ending_balance");
        invoice.set("footer", customer.get("invoice_settings").get("footer"));
        invoice.putNull("from_invoice");
        invoice.putNull("hosted_invoice_url");
        invoice.putNull("invoice_pdf");
        invoice.putObject("issuer").put("type", "self");
        invoice.putNull("last_finalization_error");
        invoice.putNull("latest_revision");
        invoice.set("lines", ListPage.list(shown, lines.size() > LINES_SHOWN, "/v1/invoices/" + id + "/lines"));
        invoice.put("livemode", false);
        invoice.putObject("metadata");
        invoice.putNull("next_payment_attempt");
        invoice.putNull("number");
        invoice.putNull("on_behalf_of");
        ObjectNode parent = invoice.putObject("parent");
        parent.putNull("quote_details");
        ObjectNode subscriptionDetails = parent.putObject("subscription_details");
        subscriptionDetails.set("metadata", subscriptionMetadata);
        subscriptionDetails.put("subscription", subscriptionId);
        parent.put("type", "subscription_details");
        invoice.putObject("payment_settings").putNull("default_mandate").putNull("payment_method_options")
                .putNull("payment_method_types");
        invoice.put("period_end", bill.periodEnd());
        invoice.put("period_start", bill.periodStart());
        invoice.put("post_payment_credit_notes_amount", 0);
        invoice.put("pre_payment_credit_notes_amount", 0);
        invoice.putNull("receipt_number");
        invoice.putNull("rendering");
        invoice.putNull("shipping_cost");
        invoice.putNull("shipping_details");
        invoice.put("starting_balance", startingBalance);
        invoice.putNull("statement_descriptor");
        invoice.put("status", "draft");
        invoice.putObject("status_transitions").putNull("finalized_at").putNull("marked_uncollectible_at")
                .putNull("paid_at").putNull("voided_at");
        invoice.put("subtotal", total);
        invoice.put("subtotal_excluding_tax", total);
        invoice.putNull("test_clock");
        invoice.putNull("threshold_reason");
        invoice.put("total", total);
        invoice.putArray("total_discount_amounts");
        invoice.put("total_excluding_tax", total);
        invoice.putArray("total_pretax_credit_amounts");
        invoice.putArray("total_taxes");
        invoice.putNull("webhooks_delivered_at");
        return new Made(invoice, List.copyOf(lines));
    }

    static ObjectNode paid(ObjectNode invoice, long now) {
        ObjectNode paid = attempted(invoice);
        paid.put("amount_paid", invoice.get("amount_due").asLong());
        paid.put("amount_remaining", 0);
        paid.put("status", "paid");
        ((ObjectNode) paid.get("status_transitions")).put("paid_at", now);
        return paid;
    }

    /** An invoice left unfinalized, as while a subscription's collection is paused with {@code keep_as_draft}. */
    static ObjectNode draft(ObjectNode invoice) {
        ObjectNode draft = invoice.deepCopy();
        draft.put("status", "draft");
        draft.putNull("number");
        draft.putNull("effective_at");
        draft.putNull("hosted_invoice_url");
        draft.putNull("invoice_pdf");
        draft.putNull("ending_balance");
        ((ObjectNode) draft.get("status_transitions")).putNull("finalized_at");
        return draft;
    }

    static ObjectNode voided(ObjectNode invoice, long now) {
        return settledUnpaid(invoice, "void", "voided_at", now);
    }

    static ObjectNode uncollectible(ObjectNode invoice, long now) {
        return settledUnpaid(invoice, "uncollectible", "marked_uncollectible_at", now);
    }

    /** A payment that failed leaves it open, attempted once. */
    static ObjectNode paymentFailed(ObjectNode invoice) {
        return attempted(invoice);
    }

    private static ObjectNode settledUnpaid(ObjectNode invoice, String status, String transition, long now) {
        ObjectNode settled = invoice.deepCopy();
        settled.put("status", status);
        ((ObjectNode) settled.get("status_transitions")).put(transition, now);
        return settled;
    }

    private static ObjectNode attempted(ObjectNode invoice) {
        ObjectNode attempted = invoice.deepCopy();
        attempted.put("attempt_count", invoice.get("attempt_count").asLong() + 1);
        attempted.put("attempted", true);
        return attempted;
    }

    /**
     * @param subscriptionId null on a preview of a subscription not made yet
     */
    private static ObjectNode line(String id, String invoiceId, String subscriptionId, BilledLine billed) {
        BilledLine.Price price = billed.price();
        ObjectNode line = Json.object();
        line.put("id", id);
        line.put("object", LINE_KIND);
        line.put("amount", billed.amount());
        line.put("currency", price.currency());
        line.put("description", billed.description());
        line.putArray("discount_amounts");
        line.put("discountable", !billed.proration());
        line.putArray("discounts");
        line.put("invoice", invoiceId);
        line.put("livemode", false);
        line.putObject("metadata");
        ObjectNode parent = line.putObject("parent");
        parent.putNull("invoice_item_details");
        ObjectNode details = parent.putObject("subscription_item_details");
        details.put("invoice_item", billed.invoiceItem());
        details.put("proration", billed.proration());
        if (billed.proration()) {
            details.putObject("proration_details").putNull("credited_items");
        } else {
            details.putNull("proration_details");
        }
        details.put("subscription", subscriptionId);
        details.put("subscription_item", billed.subscriptionItem());
        parent.put("type", "subscription_item_details");
        line.putObject("period").put("end", billed.periodEnd()).put("start", billed.periodStart());
        line.putArray("pretax_credit_amounts");
        ObjectNode pricing = line.putObject("pricing");
        pricing.putObject("price_details").put("price", price.id()).put("product", price.product());
        pricing.put("type", "price_details");
        pricing.put("unit_amount_decimal", Long.toString(price.unitAmount()));
        line.put("quantity", billed.quantity());
        line.putNull("quantity_decimal");
        line.put("subscription", subscriptionId);
        line.put("subtotal", billed.amount());
        line.putArray("taxes");
        return line;
    }

    /** An amount in a two-decimal currency's minor unit, as Stripe writes it on invoice lines and in errors: $10.00. */
    static String money(long minorUnits, String currency) {
        String amount = BigDecimal.valueOf(minorUnits, 2).toPlainString();
        String symbol = CURRENCY_SYMBOLS.get(currency);
        return symbol != null ? symbol + amount : currency.toUpperCase(Locale.ROOT) + " " + amount;
    }
}
