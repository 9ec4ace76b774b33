package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Customer;
import com.stripe.model.CustomerCollection;
import com.stripe.model.CustomerSearchResult;
import com.stripe.model.Event;
import com.stripe.model.EventCollection;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceCollection;
import com.stripe.model.InvoiceItem;
import com.stripe.model.InvoiceLineItemCollection;
import com.stripe.model.InvoicePayment;
import com.stripe.model.InvoicePaymentCollection;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.PaymentMethodCollection;
import com.stripe.model.Price;
import com.stripe.model.PriceCollection;
import com.stripe.model.Product;
import com.stripe.model.Refund;
import com.stripe.model.RefundCollection;
import com.stripe.model.SetupIntent;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionCollection;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.model.SubscriptionScheduleCollection;
import com.stripe.model.SubscriptionSearchResult;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import io.billingaccounts.stripe.emulator.support.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every answer the emulator gives, errors and webhook events included, has only fields that stripe-java's models
 * know, at every depth: the shapes of the Stripe API version stripe-java pins.
 */
class StripeAnswerFidelityTest extends EmulatorTest {

    /**
     * What Stripe leaves out of its objects unless asked ({@code expand[]}: an invoice's {@code payments},
     * {@code confirmation_secret}, {@code amount_paid_off_stripe}) or unless it applies ({@code deleted}, an
     * issuer's connected {@code account}, a preview's {@code subscription_proration_date} when it prorates nothing).
     */
    private static final Set<String> NOT_SENT = Set.of("payments", "confirmation_secret", "amount_paid_off_stripe",
            "deleted", "account", "subscription_proration_date");

    private static final String FULL_CUSTOMER = String.join("&",
            "name=Ann", "email=ann%40example.com", "description=first", "phone=%2B33123456", "balance=-500",
            "invoice_prefix=ANN1", "next_invoice_sequence=7", "tax_exempt=exempt",
            "preferred_locales[0]=fr", "preferred_locales[1]=en",
            "address[line1]=1+Rue+de+Rivoli", "address[city]=Paris", "address[country]=FR",
            "shipping[name]=Ann", "shipping[address][city]=Paris",
            "invoice_settings[footer]=Thanks", "invoice_settings[custom_fields][0][name]=VAT",
            "invoice_settings[custom_fields][0][value]=FR123", "invoice_settings[rendering_options][amount_tax_display]=exclude_tax",
            "metadata[workspace_id]=ws_1", "tax[ip_address]=127.0.0.1",
            "cash_balance[settings][reconciliation_mode]=manual", "tax_id_data[0][type]=eu_vat",
            "tax_id_data[0][value]=FR123");

    @Test
    void customerAnswersFitTheCustomerSchemas() {
        String id = RawHttp.json(fits(Customer.class, "POST", "/v1/customers", FULL_CUSTOMER)).get("id").asString();
        fits(Customer.class, "POST", "/v1/customers", "");
        fits(Customer.class, "GET", "/v1/customers/" + id, null);
        fits(Customer.class, "GET", "/v1/customers/" + id + "?expand[]=subscriptions&expand[]=sources&expand[]=tax_ids", null);
        fits(Customer.class, "POST", "/v1/customers/" + id, "name=&address=&shipping=&metadata=&invoice_settings[custom_fields]=");
        fits(CustomerCollection.class, "GET", "/v1/customers?limit=1", null);
        fits(CustomerSearchResult.class, "GET",
                "/v1/customers/search?query=metadata%5B%27workspace_id%27%5D%3A%27ws_1%27&expand[]=total_count", null);
        fits(Customer.class, "DELETE", "/v1/customers/" + id, null);
        fits(Customer.class, "GET", "/v1/customers/" + id, null);
    }

    @Test
    void subscriptionAnswersFitTheSubscriptionSchemas() {
        String customer = RawHttp.json(fits(Customer.class, "POST", "/v1/customers", "name=Ann")).get("id").asString();
        String id = RawHttp.json(fits(Subscription.class, "POST", "/v1/subscriptions", "customer=" + customer
                + "&items[0][price]=price_a&items[1][price_data][currency]=usd&items[1][price_data][product]=prod_1"
                + "&items[1][price_data][unit_amount]=500&items[1][price_data][recurring][interval]=month"
                + "&trial_period_days=7&metadata[plan]=pro&description=Pro&cancel_at_period_end=true")).get("id").asString();
        fits(Subscription.class, "GET", "/v1/subscriptions/" + id + "?expand[]=customer", null);
        fits(SubscriptionCollection.class, "GET", "/v1/subscriptions?customer=" + customer + "&status=all&expand[]=data.customer", null);
        fits(Subscription.class, "DELETE", "/v1/subscriptions/" + id + "?cancellation_details[comment]=bye", null);
    }

    @Test
    void catalogPaymentMethodAndInvoiceAnswersFitTheirSchemas() {
        fits(PriceCollection.class, "GET", "/v1/prices?lookup_keys[]=users_monthly_eur&active=true&expand[]=data.product", null);
        fits(Price.class, "GET", "/v1/prices/price_sso_monthly_gbp?expand[]=product", null);
        fits(Product.class, "GET", "/v1/products/prod_locations", null);
        String customer = RawHttp.json(fits(Customer.class, "POST", "/v1/customers", "name=Ann")).get("id").asString();
        String intent = RawHttp.json(fits(SetupIntent.class, "POST", "/v1/setup_intents", "customer=" + customer
                + "&usage=off_session&payment_method_types[0]=card&metadata[billing_account]=ba_1")).get("id").asString();
        fits(SetupIntent.class, "GET", "/v1/setup_intents/" + intent, null);
        String method = RawHttp.json(fits(SetupIntent.class, "POST", "/v1/setup_intents/" + intent + "/confirm",
                "payment_method=pm_card_visa")).get("payment_method").asString();
        fits(PaymentMethod.class, "GET", "/v1/payment_methods/" + method + "?expand[]=customer", null);
        fits(PaymentMethodCollection.class, "GET", "/v1/payment_methods?customer=" + customer + "&type=card", null);
        fits(PaymentMethodCollection.class, "GET", "/v1/customers/" + customer + "/payment_methods?type=card", null);
        fits(Customer.class, "POST", "/v1/customers/" + customer, "invoice_settings[default_payment_method]=" + method
                + "&expand[]=invoice_settings.default_payment_method");
        String subscription = RawHttp.json(fits(Subscription.class, "POST", "/v1/subscriptions", "customer=" + customer
                + "&items[0][price]=price_locations_monthly_usd&items[0][quantity]=5&items[1][price]=price_sso_monthly_usd"
                + "&payment_behavior=error_if_incomplete&expand[]=latest_invoice&expand[]=items.data.price.product"))
                .get("id").asString();
        String item = RawHttp.json(http.stripe("GET", "/v1/subscriptions/" + subscription, null))
                .at("/items/data/1/id").asString();
        fits(Subscription.class, "POST", "/v1/subscriptions/" + subscription, "items[0][id]=" + item
                + "&items[0][deleted]=true&items[1][price]=price_users_monthly_usd&items[1][quantity]=2"
                + "&pause_collection[behavior]=void&cancel_at_period_end=true&metadata[k]=v&proration_behavior=none");
        fits(SubscriptionSearchResult.class, "GET",
                "/v1/subscriptions/search?query=metadata%5B%27k%27%5D%3A%27v%27&expand[]=total_count", null);
        String invoice = RawHttp.json(fits(InvoiceCollection.class, "GET", "/v1/invoices?customer=" + customer
                + "&subscription=" + subscription, null)).at("/data/0/id").asString();
        fits(Invoice.class, "GET", "/v1/invoices/" + invoice + "?expand[]=customer&expand[]=lines.data.pricing.price_details.price", null);
        fits(InvoiceLineItemCollection.class, "GET", "/v1/invoices/" + invoice
                + "/lines?limit=1&expand[]=data.pricing.price_details.price&expand[]=data.subscription", null);
        assertFits(InvoiceLineItemCollection.class, "GET /v1/invoices/in_nope/lines",
                http.stripe("GET", "/v1/invoices/in_nope/lines", null), 404);
        fits(PaymentMethod.class, "POST", "/v1/payment_methods/" + method + "/detach", "");
    }

    /** An invoice of more lines than it shows (a subscription of 12 items), and its lines paged. */
    @Test
    void aLongInvoiceAndItsLinesFitTheirSchemas() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            emulator.webhooks().setEndpoint(receiver.url(), WebhookTest.SECRET);
            String customer = RawHttp.json(http.stripe("POST", "/v1/customers", "name=Ann")).get("id").asString();
            String method = RawHttp.json(http.stripe("POST", "/v1/setup_intents", "customer=" + customer
                    + "&confirm=true&payment_method=pm_card_visa")).get("payment_method").asString();
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                items.append("&items[").append(i).append("][price_data][currency]=usd&items[").append(i)
                        .append("][price_data][product]=prod_users&items[").append(i)
                        .append("][price_data][unit_amount]=").append(100 * (i + 1)).append("&items[").append(i)
                        .append("][price_data][recurring][interval]=month");
            }
            String invoice = RawHttp.json(fits(Subscription.class, "POST", "/v1/subscriptions", "customer=" + customer
                    + "&default_payment_method=" + method + items + "&expand[]=latest_invoice"))
                    .at("/latest_invoice/id").asString();
            JsonNode shown = RawHttp.json(fits(Invoice.class, "GET", "/v1/invoices/" + invoice, null)).get("lines");
            String tenth = shown.at("/data/9/id").asString();
            fits(InvoiceLineItemCollection.class, "GET", "/v1/invoices/" + invoice + "/lines?limit=100", null);
            fits(InvoiceLineItemCollection.class, "GET", "/v1/invoices/" + invoice + "/lines?starting_after=" + tenth, null);
            fits(InvoiceLineItemCollection.class, "GET", "/v1/invoices/" + invoice + "/lines?ending_before=" + tenth, null);
            assertFits(InvoiceLineItemCollection.class, "GET lines with limit=0",
                    http.stripe("GET", "/v1/invoices/" + invoice + "/lines?limit=0", null), 400);
            List<WebhookReceiver.Received> sent = receiver.next(10);

            assertThat(shown.get("data").size()).isEqualTo(10);
            assertThat(shown.get("has_more").asBoolean()).isTrue();
            assertThat(sent).filteredOn(event -> event.type().startsWith("invoice.")).isNotEmpty()
                    .allSatisfy(event -> assertThat(event.json().at("/data/object/lines/data").size()).isEqualTo(10));
            for (WebhookReceiver.Received event : sent) {
                assertThat(StripeJavaModels.misfits(Json.parse(event.payload()), Event.class))
                        .as("%s as sent:%n%s", event.type(), event.payload()).isEmpty();
            }
        }
    }

    @Test
    void paymentIntentInvoicePaymentAndRefundAnswersAndEventsFitTheirSchemas() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String customer = RawHttp.json(http.stripe("POST", "/v1/customers", "name=Ann")).get("id").asString();
            String method = RawHttp.json(http.stripe("POST", "/v1/setup_intents", "customer=" + customer
                    + "&confirm=true&payment_method=pm_card_visa")).get("payment_method").asString();
            String invoice = RawHttp.json(fits(Subscription.class, "POST", "/v1/subscriptions", "customer=" + customer
                    + "&items[0][price]=price_users_monthly_usd&default_payment_method=" + method
                    + "&expand[]=latest_invoice.payments.data.payment.payment_intent")).at("/latest_invoice/id").asString();
            String payment = RawHttp.json(fits(InvoicePaymentCollection.class, "GET", "/v1/invoice_payments?invoice="
                    + invoice + "&status=paid&expand[]=data.invoice", null)).at("/data/0/id").asString();
            String intent = RawHttp.json(fits(InvoicePayment.class, "GET", "/v1/invoice_payments/" + payment
                    + "?expand[]=payment.payment_intent", null)).at("/payment/payment_intent/id").asString();
            fits(Invoice.class, "GET", "/v1/invoices/" + invoice + "?expand[]=payments", null);
            fits(PaymentIntent.class, "GET", "/v1/payment_intents/" + intent
                    + "?expand[]=customer&expand[]=payment_method", null);
            emulator.webhooks().setEndpoint(receiver.url(), WebhookTest.SECRET);

            String refund = RawHttp.json(fits(Refund.class, "POST", "/v1/refunds", "payment_intent=" + intent
                    + "&amount=100&reason=duplicate&metadata[k]=v&expand[]=payment_intent")).get("id").asString();
            fits(Refund.class, "GET", "/v1/refunds/" + refund, null);
            fits(RefundCollection.class, "GET", "/v1/refunds?payment_intent=" + intent + "&expand[]=data.payment_intent", null);
            assertFits(Refund.class, "POST /v1/refunds of more than is left",
                    http.stripe("POST", "/v1/refunds", "payment_intent=" + intent + "&amount=100000"), 400);
            fits(Refund.class, "POST", "/v1/refunds", "payment_intent=" + intent);
            assertFits(Refund.class, "POST /v1/refunds with nothing left",
                    http.stripe("POST", "/v1/refunds", "payment_intent=" + intent), 400);
            List<WebhookReceiver.Received> sent = receiver.next(2);

            assertThat(sent).extracting(WebhookReceiver.Received::type).containsExactly("refund.created", "refund.created");
            for (WebhookReceiver.Received event : sent) {
                assertThat(StripeJavaModels.misfits(Json.parse(event.payload()), Event.class))
                        .as("%s as sent:%n%s", event.type(), event.payload()).isEmpty();
            }
        }
    }

    /** The objects of previews and schedules, and their events, have every field stripe-java knows and no other. */
    @Test
    void previewScheduleAndInvoiceItemAnswersAndEventsAreWholeAndFitTheirSchemas() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String customer = RawHttp.json(http.stripe("POST", "/v1/customers", "name=Ann")).get("id").asString();
            http.stripe("POST", "/v1/setup_intents", "customer=" + customer + "&confirm=true&payment_method=pm_card_visa");
            String method = RawHttp.json(http.stripe("GET", "/v1/payment_methods?customer=" + customer, null))
                    .at("/data/0/id").asString();
            JsonNode subscription = RawHttp.json(http.stripe("POST", "/v1/subscriptions", "customer=" + customer
                    + "&default_payment_method=" + method + "&items[0][price]=price_locations_monthly_usd"
                    + "&items[0][quantity]=5&items[1][price]=price_users_monthly_usd"));
            String id = subscription.get("id").asString();
            String item = subscription.at("/items/data/0/id").asString();
            emulator.webhooks().setEndpoint(receiver.url(), WebhookTest.SECRET);
            emulator.clock().advance(Duration.ofDays(3));

            whole(Invoice.class, "POST", "/v1/invoices/create_preview", "customer=" + customer
                    + "&subscription_details[items][0][price]=price_sso_monthly_usd&subscription_details[items][0][quantity]=2"
                    + "&subscription_details[trial_end]=" + Instant.parse("2026-02-01T00:00:00Z").getEpochSecond());
            whole(Invoice.class, "POST", "/v1/invoices/create_preview", "subscription=" + id
                    + "&subscription_details[items][0][id]=" + item + "&subscription_details[items][0][quantity]=8"
                    + "&subscription_details[items][1][price]=price_sso_monthly_usd");
            fits(Invoice.class, "POST", "/v1/invoices/create_preview", "subscription=" + id
                    + "&subscription_details[proration_behavior]=always_invoice&subscription_details[items][0][id]=" + item
                    + "&subscription_details[items][0][deleted]=true&expand[]=customer&expand[]=lines.data.pricing.price_details.price");
            assertFits(Invoice.class, "POST /v1/invoices/create_preview of a subscription cancelling",
                    http.stripe("POST", "/v1/invoices/create_preview", "subscription=" + id
                            + "&subscription_details[cancel_at_period_end]=true"), 404);
            http.stripe("POST", "/v1/subscriptions/" + id, "items[0][id]=" + item + "&items[0][quantity]=6");

            String schedule = RawHttp.json(whole(SubscriptionSchedule.class, "POST", "/v1/subscription_schedules",
                    "from_subscription=" + id + "&metadata[plan]=pro")).get("id").asString();
            whole(SubscriptionSchedule.class, "POST", "/v1/subscription_schedules/" + schedule,
                    "phases[0][items][0][price]=price_locations_monthly_usd&phases[0][items][0][quantity]=6"
                            + "&phases[0][items][1][price]=price_users_monthly_usd&phases[0][end_date]="
                            + Instant.parse("2026-02-15T10:00:00Z").getEpochSecond()
                            + "&phases[1][items][0][price]=price_locations_monthly_usd&phases[1][items][0][quantity]=2"
                            + "&phases[1][duration][interval]=month&phases[1][proration_behavior]=none"
                            + "&end_behavior=release&metadata[plan]=");
            fits(SubscriptionSchedule.class, "GET", "/v1/subscription_schedules/" + schedule
                    + "?expand[]=customer&expand[]=subscription&expand[]=phases.items.price", null);
            fits(SubscriptionScheduleCollection.class, "GET", "/v1/subscription_schedules?customer=" + customer
                    + "&expand[]=data.subscription", null);
            assertFits(SubscriptionSchedule.class, "POST /v1/subscription_schedules again",
                    http.stripe("POST", "/v1/subscription_schedules", "from_subscription=" + id), 400);
            whole(SubscriptionSchedule.class, "POST", "/v1/subscription_schedules/" + schedule + "/release", "");
            String canceled = RawHttp.json(http.stripe("POST", "/v1/subscription_schedules", "from_subscription=" + id))
                    .get("id").asString();
            whole(SubscriptionSchedule.class, "POST", "/v1/subscription_schedules/" + canceled + "/cancel", "");

            List<WebhookReceiver.Received> sent = receiver.next(11);

            assertThat(sent).extracting(WebhookReceiver.Received::type).containsExactly(
                    "customer.subscription.updated", "invoiceitem.created", "invoiceitem.created",
                    "subscription_schedule.created", "customer.subscription.updated", "subscription_schedule.updated",
                    "subscription_schedule.released", "customer.subscription.updated",
                    "subscription_schedule.created", "customer.subscription.updated", "subscription_schedule.canceled");
            for (WebhookReceiver.Received event : sent) {
                JsonNode payload = Json.parse(event.payload());
                assertThat(StripeJavaModels.misfits(payload, Event.class))
                        .as("%s as sent:%n%s", event.type(), event.payload()).isEmpty();
                if (!event.type().startsWith("customer.")) {
                    Class<?> model = event.type().startsWith("invoiceitem.") ? InvoiceItem.class
                            : SubscriptionSchedule.class;
                    assertThat(StripeJavaModels.absent(payload.at("/data/object"), model, NOT_SENT))
                            .as("%s as sent:%n%s", event.type(), event.payload()).isEmpty();
                }
            }
        }
    }

    @Test
    void eventsOfPaymentMethodsSubscriptionsAndInvoicesFitTheEventSchema() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            emulator.webhooks().setEndpoint(receiver.url(), WebhookTest.SECRET);
            String customer = RawHttp.json(http.stripe("POST", "/v1/customers", "name=Ann")).get("id").asString();
            String intent = RawHttp.json(http.stripe("POST", "/v1/setup_intents", "customer=" + customer))
                    .get("id").asString();
            String method = RawHttp.json(http.stripe("POST", "/v1/setup_intents/" + intent + "/confirm",
                    "payment_method=pm_card_chargeCustomerFail")).get("payment_method").asString();
            http.stripe("POST", "/v1/customers/" + customer, "invoice_settings[default_payment_method]=" + method);
            String subscription = RawHttp.json(http.stripe("POST", "/v1/subscriptions", "customer=" + customer
                    + "&items[0][price]=price_users_monthly_usd")).get("id").asString();
            http.stripe("POST", "/v1/subscriptions/" + subscription, "metadata[k]=v");
            http.stripe("POST", "/v1/payment_methods/" + method + "/detach", "");

            List<WebhookReceiver.Received> sent = receiver.next(13);

            assertThat(sent).extracting(WebhookReceiver.Received::type).containsExactly("customer.created",
                    "setup_intent.created", "payment_method.attached", "setup_intent.succeeded", "customer.updated",
                    "customer.subscription.created", "customer.updated", "invoice.created", "invoice.finalized",
                    "invoice.payment_failed", "customer.subscription.updated", "payment_method.detached",
                    "customer.updated");
            for (WebhookReceiver.Received event : sent) {
                assertThat(StripeJavaModels.misfits(Json.parse(event.payload()), Event.class))
                        .as("%s as sent:%n%s", event.type(), event.payload()).isEmpty();
            }
        }
    }

    @Test
    void eventsTheClockMakesFitTheEventSchemaAndAnswersTheirSchemas() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String customer = RawHttp.json(http.stripe("POST", "/v1/customers", "name=Ann")).get("id").asString();
            String paused = RawHttp.json(http.stripe("POST", "/v1/subscriptions", "customer=" + customer
                    + "&items[0][price]=price_users_monthly_usd&trial_period_days=5"
                    + "&trial_settings[end_behavior][missing_payment_method]=pause")).get("id").asString();
            String method = RawHttp.json(http.stripe("POST", "/v1/setup_intents", "customer=" + customer
                    + "&confirm=true&payment_method=pm_card_visa")).get("payment_method").asString();
            String voided = RawHttp.json(http.stripe("POST", "/v1/subscriptions", "customer=" + customer
                    + "&items[0][price]=price_sso_monthly_usd&default_payment_method=" + method)).get("id").asString();
            http.stripe("POST", "/v1/subscriptions/" + voided, "pause_collection[behavior]=void");
            emulator.webhooks().setEndpoint(receiver.url(), WebhookTest.SECRET);

            emulator.clock().advance(Duration.ofDays(31));
            List<WebhookReceiver.Received> sent = receiver.next(7);

            assertThat(sent).extracting(WebhookReceiver.Received::type).containsExactly(
                    "customer.subscription.trial_will_end", "customer.subscription.paused",
                    "customer.subscription.updated", "customer.subscription.updated", "invoice.created",
                    "invoice.finalized", "invoice.voided");
            for (WebhookReceiver.Received event : sent) {
                assertThat(event.json().at("/request/id").isNull()).as("made by no request").isTrue();
                assertThat(StripeJavaModels.misfits(Json.parse(event.payload()), Event.class))
                        .as("%s as sent:%n%s", event.type(), event.payload()).isEmpty();
            }
            String invoice = sent.get(6).json().at("/data/object/id").asString();
            fits(Invoice.class, "GET", "/v1/invoices/" + invoice, null);
            fits(Subscription.class, "POST", "/v1/subscriptions/" + paused + "/resume", "billing_cycle_anchor=now");
        }
    }

    @Test
    void eventsFitTheEventSchemaAsRetrievedAndAsSent() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            emulator.webhooks().setEndpoint(receiver.url(), WebhookTest.SECRET);
            String customer = RawHttp.json(http.stripe("POST", "/v1/customers", FULL_CUSTOMER, "Idempotency-Key", "c1"))
                    .get("id").asString();
            http.stripe("POST", "/v1/customers/" + customer, "name=Anne&metadata[workspace_id]=&address=");
            String subscription = RawHttp.json(http.stripe("POST", "/v1/subscriptions", "customer=" + customer
                    + "&items[0][price]=price_a&trial_period_days=7")).get("id").asString();
            http.stripe("DELETE", "/v1/subscriptions/" + subscription, null);
            http.stripe("DELETE", "/v1/customers/" + customer, null);

            List<WebhookReceiver.Received> sent = receiver.next(6);

            assertThat(sent).extracting(WebhookReceiver.Received::type).containsExactly("customer.created",
                    "customer.updated", "customer.subscription.created", "customer.updated",
                    "customer.subscription.deleted", "customer.deleted");
            for (WebhookReceiver.Received event : sent) {
                fits(Event.class, "GET", "/v1/events/" + event.eventId() + "?expand[]=data&expand[]=request", null);
                assertThat(StripeJavaModels.misfits(Json.parse(event.payload()), Event.class))
                        .as("%s as sent:%n%s", event.type(), event.payload()).isEmpty();
            }
            fits(Event.class, "GET", "/v1/events/evt_missing", null);
            fits(Event.class, "GET", "/v1/events/" + sent.get(0).eventId() + "?expand[]=type", null);
        }
    }

    @Test
    void eventListsAndPriceAnswersAndTheirEventsFitTheirSchemas() {
        fits(Price.class, "POST", "/v1/prices", "currency=usd&unit_amount=700&product=prod_users"
                + "&recurring[interval]=month&recurring[trial_period_days]=7&lookup_key=users_monthly_usd"
                + "&transfer_lookup_key=true&nickname=New&metadata[k]=v&tax_behavior=exclusive&expand[]=product");
        fits(Price.class, "POST", "/v1/prices", "currency=eur&unit_amount_decimal=99.5&product_data[name]=Fee"
                + "&product_data[metadata][k]=v&product_data[unit_label]=seat&billing_scheme=per_unit");
        fits(Price.class, "POST", "/v1/prices/price_users_monthly_eur", "active=false&nickname=&metadata[k]=v"
                + "&lookup_key=&expand[]=product");
        assertFits(Price.class, "POST /v1/prices with a lookup key in use", http.stripe("POST", "/v1/prices",
                "currency=usd&unit_amount=1&product=prod_sso&lookup_key=sso_monthly_usd"), 400);

        ObjectNode page = (ObjectNode) RawHttp.json(fits(EventCollection.class, "GET",
                "/v1/events?limit=100&types[]=price.created&types[]=price.updated&types[]=product.created", null));
        assertThat(page.get("data")).hasSize(5);
        for (JsonNode event : page.get("data")) {
            assertThat(StripeJavaModels.misfits(event, Event.class)).as("%s", event).isEmpty();
        }
        fits(EventCollection.class, "GET", "/v1/events?type=price.*&created[gte]=0&expand[]=data.request", null);
        assertFits(EventCollection.class, "GET /v1/events with type and types",
                http.stripe("GET", "/v1/events?type=a&types[]=b", null), 400);
    }

    @Test
    void errorsFitTheErrorSchema() {
        assertFits(Customer.class, "POST /v1/customers", http.stripe("POST", "/v1/customers", "currency=eur"), 400);
        assertFits(Customer.class, "GET /v1/customers/cus_missing", http.stripe("GET", "/v1/customers/cus_missing", null), 404);
        String customer = RawHttp.json(http.stripe("POST", "/v1/customers", "name=Ann")).get("id").asString();
        String intent = RawHttp.json(http.stripe("POST", "/v1/setup_intents", "customer=" + customer
                + "&confirm=true&payment_method=pm_card_chargeCustomerFail")).get("id").asString();
        String method = RawHttp.json(http.stripe("GET", "/v1/setup_intents/" + intent, null)).get("payment_method").asString();
        assertFits(Subscription.class, "POST /v1/subscriptions without a payment method", http.stripe("POST",
                "/v1/subscriptions", "customer=" + customer + "&items[0][price]=price_users_monthly_usd"), 400);
        assertFits(Subscription.class, "POST /v1/subscriptions declined", http.stripe("POST", "/v1/subscriptions",
                "customer=" + customer + "&items[0][price]=price_users_monthly_usd&default_payment_method=" + method
                        + "&payment_behavior=error_if_incomplete"), 402);
        assertFits(CustomerCollection.class, "GET /v1/customers", http.send("GET", "/v1/customers", null), 401);
        http.stripe("POST", "/v1/customers", "name=Ann", "Idempotency-Key", "k");
        assertFits(Customer.class, "POST /v1/customers",
                http.stripe("POST", "/v1/customers", "name=Bob", "Idempotency-Key", "k"), 400);
        emulator.faults().inject("GET /v1/customers", FaultKind.HTTP_429, 1);
        assertFits(CustomerCollection.class, "GET /v1/customers", http.stripe("GET", "/v1/customers", null), 429);
        emulator.faults().inject("GET /v1/customers", FaultKind.HTTP_500, 1);
        assertFits(CustomerCollection.class, "GET /v1/customers", http.stripe("GET", "/v1/customers", null), 500);
        emulator.setRateLimits(1, 0);
        http.stripe("GET", "/v1/customers", null);
        assertFits(CustomerCollection.class, "GET /v1/customers over the rate limit",
                http.stripe("GET", "/v1/customers", null), 429);
    }

    @Test
    void aLockTimeoutFitsTheErrorSchema() {
        try (StripeEmulator locking = StripeEmulator.start(options().delayMillis(300).lockTimeouts(true).build())) {
            RawHttp direct = new RawHttp(locking.baseUrl());
            String customer = RawHttp.json(direct.stripe("POST", "/v1/customers", "name=Ann")).get("id").asString();
            List<CompletableFuture<HttpResponse<String>>> writes = Stream.of("Bob", "Cy")
                    .map(name -> CompletableFuture.supplyAsync(
                            () -> direct.stripe("POST", "/v1/customers/" + customer, "name=" + name)))
                    .toList();

            HttpResponse<String> refused = writes.stream().map(CompletableFuture::join)
                    .filter(answer -> answer.statusCode() != 200).findFirst().orElseThrow();
            assertFits(Customer.class, "POST /v1/customers/{id} meanwhile", refused, 429);
        }
    }

    @Test
    void theCheckCatchesAFieldStripeJavaDoesNotKnowAtAnyDepthAndAValueOfTheWrongKind() {
        ObjectNode customer = (ObjectNode) RawHttp.json(http.stripe("POST", "/v1/customers",
                "name=Ann&address[city]=Paris&metadata[plan]=pro"));
        ObjectNode subscription = (ObjectNode) RawHttp.json(http.stripe("POST", "/v1/subscriptions",
                "customer=" + customer.get("id").asString() + "&items[0][price]=price_a"));
        assertThat(StripeJavaModels.misfits(customer, Customer.class)).isEmpty();

        assertThat(StripeJavaModels.misfits(customer.deepCopy().put("nickname", "Annie"), Customer.class))
                .singleElement().asString().startsWith("$.nickname:");
        ObjectNode planet = customer.deepCopy();
        ((ObjectNode) planet.get("address")).put("planet", "Earth");
        assertThat(StripeJavaModels.misfits(planet, Customer.class)).singleElement().asString().startsWith("$.address.planet:");
        assertThat(StripeJavaModels.misfits(customer.deepCopy().put("address", "Paris"), Customer.class))
                .singleElement().asString().startsWith("$.address:");
        assertThat(StripeJavaModels.misfits(customer.deepCopy().put("object", "subscription"), Customer.class))
                .singleElement().asString().startsWith("$.object:");
        // Where API version 2023-08-16 had it: stripe-java's versions since 2025-03-31 read the period on items.
        assertThat(StripeJavaModels.misfits(subscription.deepCopy().put("current_period_end", 1), Subscription.class))
                .singleElement().asString().startsWith("$.current_period_end:");
        ObjectNode price = (ObjectNode) subscription.at("/items/data/0/price");
        assertThat(StripeJavaModels.misfits(subscription, Subscription.class)).isEmpty();
        price.put("unit_amount_decimal", "5.5x");
        assertThat(StripeJavaModels.misfits(subscription, Subscription.class))
                .containsExactly("$.items.data[0].price.unit_amount_decimal: a number in stripe-java, not \"5.5x\"");
        price.put("unit_amount_decimal", "5.5");
        ((ObjectNode) price.get("recurring")).put("aggregate_usage", "sum");
        assertThat(StripeJavaModels.misfits(subscription, Subscription.class))
                .singleElement().asString().startsWith("$.items.data[0].price.recurring.aggregate_usage:");
    }

    @Test
    void theWholenessCheckSeesAFieldLeftOutAtAnyDepth() {
        String customer = RawHttp.json(http.stripe("POST", "/v1/customers", "name=Ann")).get("id").asString();
        String subscription = RawHttp.json(http.stripe("POST", "/v1/subscriptions", "customer=" + customer
                + "&items[0][price]=price_a")).get("id").asString();
        ObjectNode schedule = (ObjectNode) RawHttp.json(http.stripe("POST", "/v1/subscription_schedules",
                "from_subscription=" + subscription));
        assertThat(StripeJavaModels.absent(schedule, SubscriptionSchedule.class, NOT_SENT)).isEmpty();

        ObjectNode leftOut = schedule.deepCopy();
        leftOut.remove("released_at");
        ((ObjectNode) leftOut.at("/phases/0/items/0")).remove("quantity");

        assertThat(StripeJavaModels.absent(leftOut, SubscriptionSchedule.class, NOT_SENT)).containsExactlyInAnyOrder(
                "$.released_at: stripe-java's com.stripe.model.SubscriptionSchedule has it, the answer leaves it out",
                "$.phases[0].items[0].quantity: stripe-java's com.stripe.model.SubscriptionSchedule$Phase$Item has it,"
                        + " the answer leaves it out");
    }

    @Test
    void theCheckSeesIntoEventsAndErrors() {
        ObjectNode event = Json.object().put("id", "evt_1").put("object", "event").put("type", "customer.updated");
        event.putObject("data").putObject("object").put("object", "customer").put("nickname", "Annie");
        ((ObjectNode) event.get("data")).putObject("previous_attributes").put("plan", "x");
        ObjectNode error = Json.object();
        error.putObject("error").put("type", "invalid_request_error").put("hint", "x");

        assertThat(StripeJavaModels.misfits(event, Event.class))
                .containsExactlyInAnyOrder(
                        "$.data.object.nickname: stripe-java's com.stripe.model.Customer has no such field",
                        "$.data.previous_attributes.plan: stripe-java's com.stripe.model.Customer has no such field");
        assertThat(StripeJavaModels.errorMisfits(error)).singleElement().asString().startsWith("$.error.hint:");
    }

    /** A 200 that fits the model and has every field of it Stripe sends. */
    private HttpResponse<String> whole(Class<?> model, String method, String pathAndQuery, String body) {
        HttpResponse<String> response = fits(model, method, pathAndQuery, body);
        assertThat(StripeJavaModels.absent(RawHttp.json(response), model, NOT_SENT))
                .as("%s %s answered:%n%s", method, pathAndQuery, response.body()).isEmpty();
        return response;
    }

    private HttpResponse<String> fits(Class<?> model, String method, String pathAndQuery, String body, String... headers) {
        HttpResponse<String> response = http.stripe(method, pathAndQuery, body, headers);
        assertFits(model, method + " " + pathAndQuery, response, response.statusCode());
        return response;
    }

    /** @param model what stripe-java reads a 2xx answer as; any other is an error answer */
    private static void assertFits(Class<?> model, String request, HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(request).isEqualTo(status);
        List<String> misfits = status < 300
                ? StripeJavaModels.misfits(RawHttp.json(response), model)
                : StripeJavaModels.errorMisfits(RawHttp.json(response));
        assertThat(misfits).as("%s answered %s:%n%s", request, status, response.body()).isEmpty();
    }
}
