package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionCreateParams.TrialSettings.EndBehavior.MissingPaymentMethod;
import com.stripe.param.SubscriptionUpdateParams;
import io.billingaccounts.stripe.emulator.clock.ClockAdvance;
import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The emulator's own clock: advancing it ends trials, renews and bills subscriptions and ends those canceled at
 * their period's end, each at its own time and with its events.
 */
class EmulatorClockTest extends EmulatorTest {

    private static final long START = Instant.parse("2026-01-15T10:00:00Z").getEpochSecond();
    private static final long FEB_15 = Instant.parse("2026-02-15T10:00:00Z").getEpochSecond();
    private static final long MAR_15 = Instant.parse("2026-03-15T10:00:00Z").getEpochSecond();
    private static final long APR_15 = Instant.parse("2026-04-15T10:00:00Z").getEpochSecond();
    private static final long MAY_15 = Instant.parse("2026-05-15T10:00:00Z").getEpochSecond();
    private static final long TRIAL_END = START + Duration.ofDays(14).toSeconds();

    private final List<EmulatorEvent> events = new CopyOnWriteArrayList<>();
    private String customer;

    @BeforeEach
    void customer() throws StripeException {
        customer = newCustomer();
        emulator.addEventListener(events::add);
    }

    @Test
    void tellsTheTimeAndMovesItForwardOverHttp() {
        JsonNode time = RawHttp.json(http.control("GET", "/_emulator/clock", null));
        assertThat(time.get("now").asLong()).isEqualTo(START);
        assertThat(time.get("iso").asString()).isEqualTo("2026-01-15T10:00:00Z");

        HttpResponse<String> advanced = http.control("POST", "/_emulator/clock/advance", "{\"seconds\": 3600}");

        assertThat(advanced.statusCode()).isEqualTo(200);
        JsonNode answer = RawHttp.json(advanced);
        assertThat(answer.get("now").asLong()).isEqualTo(START + 3600);
        assertThat(answer.get("iso").asString()).isEqualTo("2026-01-15T11:00:00Z");
        assertThat(answer.get("advanced_seconds").asLong()).isEqualTo(3600);
        assertThat(answer.get("ran")).isEmpty();
        assertThat(RawHttp.json(http.control("GET", "/_emulator/clock", null)).get("now").asLong()).isEqualTo(START + 3600);
        assertThat(emulator.clock().now()).isEqualTo(Instant.ofEpochSecond(START + 3600));
        // Every created stamp reads the emulator's clock.
        assertThat(RawHttp.json(http.stripe("POST", "/v1/customers", "name=Bo")).get("created").asLong())
                .isEqualTo(START + 3600);
    }

    @Test
    void refusesToMoveByAnythingButAPositiveWholeNumberOfSeconds() {
        for (String body : List.of("{\"seconds\": 0}", "{\"seconds\": -5}", "{\"seconds\": \"60\"}",
                "{\"seconds\": 1.5}", "{}", "{\"seconds\": 999999999999}", "not json", "")) {
            HttpResponse<String> refused = http.control("POST", "/_emulator/clock/advance", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(RawHttp.json(refused).at("/error/message").asString()).as(body).isNotBlank();
        }
        assertThat(RawHttp.json(http.control("POST", "/_emulator/clock/advance", "{\"seconds\": 0}"))
                .at("/error/message").asString()).contains("\"seconds\"").contains("above 0");
        assertThat(emulator.clock().now()).isEqualTo(Instant.ofEpochSecond(START));
        assertThatThrownBy(() -> emulator.clock().advance(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emulator.clock().advance(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTrialEndingWithACardStartsAPaidPeriod() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        String id = stripe.v1().subscriptions().create(subscription(3L).setTrialPeriodDays(14L).build()).getId();
        events.clear();

        ClockAdvance advance = emulator.clock().advance(Duration.ofDays(14));

        assertThat(advance.ran()).extracting(ClockAdvance.Ran::action, ran -> ran.at().getEpochSecond(),
                ClockAdvance.Ran::status, ClockAdvance.Ran::invoiceStatus)
                .containsExactly(tuple("trial_will_end", TRIAL_END - Duration.ofDays(3).toSeconds(), "trialing", null),
                        tuple("trial_ended", TRIAL_END, "active", "paid"));
        Subscription active = stripe.v1().subscriptions().retrieve(id);
        assertThat(active.getStatus()).isEqualTo("active");
        assertThat(active.getBillingCycleAnchor()).isEqualTo(TRIAL_END);
        SubscriptionItem item = active.getItems().getData().get(0);
        assertThat(item.getCurrentPeriodStart()).isEqualTo(TRIAL_END);
        assertThat(item.getCurrentPeriodEnd()).isEqualTo(plusMonths(TRIAL_END, 1));
        Invoice invoice = stripe.v1().invoices().retrieve(active.getLatestInvoice());
        assertThat(invoice.getId()).isEqualTo(advance.ran().get(1).invoice());
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getTotal()).isEqualTo(3 * 500);
        assertThat(invoice.getAmountPaid()).isEqualTo(3 * 500);
        assertThat(invoice.getBillingReason()).isEqualTo("subscription_cycle");
        assertThat(invoice.getCreated()).isEqualTo(TRIAL_END);
        assertThat(invoice.getLines().getData().get(0).getPeriod().getStart()).isEqualTo(TRIAL_END);
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.trial_will_end",
                "customer.subscription.updated", "invoice.created", "invoice.finalized", "invoice.paid",
                "invoice.payment_succeeded");
        assertThat(events.get(0).created()).isEqualTo(TRIAL_END - Duration.ofDays(3).toSeconds());
        assertThat(events.get(1).created()).isEqualTo(TRIAL_END);
        assertThat(events.get(1).previousAttributes().propertyNames())
                .contains("status", "billing_cycle_anchor", "latest_invoice", "items");
    }

    @Test
    void aTrialEndingWithoutACardPausesAndResumingChargesTheNewCard() throws StripeException {
        String id = stripe.v1().subscriptions().create(subscription(2L).setTrialPeriodDays(14L)
                .setTrialSettings(missingPaymentMethod(MissingPaymentMethod.PAUSE)).build()).getId();
        events.clear();

        ClockAdvance advance = emulator.clock().advance(Duration.ofDays(20));

        assertThat(advance.ran()).extracting(ClockAdvance.Ran::action, ClockAdvance.Ran::status, ClockAdvance.Ran::invoice)
                .containsExactly(tuple("trial_will_end", "trialing", null), tuple("trial_ended", "paused", null));
        Subscription paused = stripe.v1().subscriptions().retrieve(id);
        assertThat(paused.getStatus()).isEqualTo("paused");
        assertThat(paused.getLatestInvoice()).isNull();
        assertThat(invoices()).isEmpty();
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.trial_will_end",
                "customer.subscription.paused", "customer.subscription.updated");
        assertThat(emulator.clock().advance(Duration.ofDays(60)).ran()).as("a paused subscription waits").isEmpty();

        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        events.clear();
        long now = emulator.clock().now().getEpochSecond();
        Subscription resumed = stripe.v1().subscriptions().resume(id);

        assertThat(resumed.getStatus()).isEqualTo("active");
        assertThat(resumed.getBillingCycleAnchor()).isEqualTo(now);
        assertThat(resumed.getItems().getData().get(0).getCurrentPeriodStart()).isEqualTo(now);
        assertThat(resumed.getItems().getData().get(0).getCurrentPeriodEnd()).isEqualTo(plusMonths(now, 1));
        Invoice invoice = stripe.v1().invoices().retrieve(resumed.getLatestInvoice());
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getTotal()).isEqualTo(2 * 500);
        assertThat(invoice.getCreated()).isEqualTo(now);
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.resumed",
                "customer.subscription.updated", "invoice.created", "invoice.finalized", "invoice.paid",
                "invoice.payment_succeeded");
    }

    @Test
    void resumingOntoADeclinedCardLeavesItPastDueWithTheInvoiceOpen() throws StripeException {
        String id = stripe.v1().subscriptions().create(subscription(2L).setTrialPeriodDays(14L)
                .setTrialSettings(missingPaymentMethod(MissingPaymentMethod.PAUSE)).build()).getId();
        emulator.clock().advance(Duration.ofDays(14));
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_chargeCustomerFail");

        Subscription resumed = stripe.v1().subscriptions().resume(id);

        assertThat(resumed.getStatus()).isEqualTo("past_due");
        assertThat(stripe.v1().invoices().retrieve(resumed.getLatestInvoice()).getStatus()).isEqualTo("open");
    }

    @Test
    void aTrialEndingWithoutACardIsCanceledOrBilledAsItsSettingsSay() throws StripeException {
        String canceled = stripe.v1().subscriptions().create(subscription(1L).setTrialPeriodDays(14L)
                .setTrialSettings(missingPaymentMethod(MissingPaymentMethod.CANCEL)).build()).getId();
        String invoiced = stripe.v1().subscriptions().create(subscription(1L).setTrialPeriodDays(14L).build()).getId();
        events.clear();

        emulator.clock().advance(Duration.ofDays(14));

        Subscription ended = stripe.v1().subscriptions().retrieve(canceled);
        assertThat(ended.getStatus()).isEqualTo("canceled");
        assertThat(ended.getEndedAt()).isEqualTo(TRIAL_END);
        Subscription pastDue = stripe.v1().subscriptions().retrieve(invoiced);
        assertThat(pastDue.getStatus()).isEqualTo("past_due");
        Invoice open = stripe.v1().invoices().retrieve(pastDue.getLatestInvoice());
        assertThat(open.getStatus()).isEqualTo("open");
        assertThat(open.getAmountRemaining()).isEqualTo(500);
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.trial_will_end",
                "customer.subscription.trial_will_end", "customer.subscription.deleted",
                "customer.subscription.updated", "invoice.created", "invoice.finalized", "invoice.payment_failed");
    }

    @Test
    void aRenewalBillsTheNextPeriodToTheCard() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        Subscription subscription = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_locations_monthly_usd").setQuantity(5L).build())
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_users_monthly_usd").setQuantity(25L).build())
                .build());
        events.clear();

        ClockAdvance advance = emulator.clock().advance(Duration.ofDays(31));

        assertThat(advance.ran()).extracting(ClockAdvance.Ran::action, ran -> ran.at().getEpochSecond(),
                ClockAdvance.Ran::status, ClockAdvance.Ran::invoiceStatus)
                .containsExactly(tuple("renewed", FEB_15, "active", "paid"));
        Subscription renewed = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(renewed.getStatus()).isEqualTo("active");
        assertThat(renewed.getBillingCycleAnchor()).isEqualTo(START);
        assertThat(renewed.getItems().getData()).extracting(SubscriptionItem::getCurrentPeriodStart,
                SubscriptionItem::getCurrentPeriodEnd).containsOnly(tuple(FEB_15, MAR_15));
        assertThat(invoices()).extracting(Invoice::getCreated, Invoice::getStatus, Invoice::getTotal,
                Invoice::getBillingReason, Invoice::getNumber)
                .containsExactly(tuple(FEB_15, "paid", 5 * 1000L + 25 * 500L, "subscription_cycle", number(renewed, 2)),
                        tuple(START, "paid", 17_500L, "subscription_create", number(renewed, 1)));
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.updated",
                "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded");
    }

    @Test
    void aDeclinedRenewalLeavesItPastDueWithAnOpenInvoice() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        String id = stripe.v1().subscriptions().create(subscription(4L).build()).getId();
        String declining = PaymentMethods.attach(stripe, customer, "pm_card_chargeCustomerFail").getId();
        stripe.v1().subscriptions().update(id, SubscriptionUpdateParams.builder().setDefaultPaymentMethod(declining).build());
        events.clear();

        ClockAdvance advance = emulator.clock().advance(Duration.ofDays(31));

        assertThat(advance.ran()).extracting(ClockAdvance.Ran::action, ClockAdvance.Ran::status,
                ClockAdvance.Ran::invoiceStatus).containsExactly(tuple("renewed", "past_due", "open"));
        Subscription pastDue = stripe.v1().subscriptions().retrieve(id);
        assertThat(pastDue.getStatus()).isEqualTo("past_due");
        Invoice open = stripe.v1().invoices().retrieve(pastDue.getLatestInvoice());
        assertThat(open.getStatus()).isEqualTo("open");
        assertThat(open.getAttempted()).isTrue();
        assertThat(open.getAmountDue()).isEqualTo(4 * 500);
        assertThat(open.getAmountRemaining()).isEqualTo(4 * 500);
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.updated",
                "invoice.created", "invoice.finalized", "invoice.payment_failed");
        assertThat(events.get(0).previousAttributes().get("status").asString()).isEqualTo("active");

        // The next period, with a card that pays again, brings it back.
        String visa = PaymentMethods.attach(stripe, customer, "pm_card_visa").getId();
        stripe.v1().subscriptions().update(id, SubscriptionUpdateParams.builder().setDefaultPaymentMethod(visa).build());
        emulator.clock().advance(Duration.ofDays(28));
        assertThat(stripe.v1().subscriptions().retrieve(id).getStatus()).isEqualTo("active");
    }

    @Test
    void aSubscriptionCanceledAtPeriodEndEndsThenWithoutAnotherInvoice() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        String id = stripe.v1().subscriptions().create(subscription(1L).build()).getId();
        stripe.v1().subscriptions().update(id, SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());
        events.clear();

        assertThat(emulator.clock().advance(Duration.ofDays(30)).ran()).isEmpty();
        assertThat(stripe.v1().subscriptions().retrieve(id).getStatus()).isEqualTo("active");
        ClockAdvance advance = emulator.clock().advance(Duration.ofDays(90));

        assertThat(advance.ran()).extracting(ClockAdvance.Ran::action, ran -> ran.at().getEpochSecond(),
                ClockAdvance.Ran::status).containsExactly(tuple("canceled", FEB_15, "canceled"));
        Subscription canceled = stripe.v1().subscriptions().retrieve(id);
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getEndedAt()).isEqualTo(FEB_15);
        assertThat(canceled.getCanceledAt()).isEqualTo(FEB_15);
        assertThat(invoices()).hasSize(1);
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.deleted");
    }

    @Test
    void oneLongAdvanceRenewsEachPeriodInTurn() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        String first = stripe.v1().subscriptions().create(subscription(2L).build()).getId();
        clock.add(Duration.ofDays(1));
        String second = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_sso_monthly_usd").build())
                .build()).getId();
        long secondStart = START + Duration.ofDays(1).toSeconds();

        ClockAdvance advance = emulator.clock().advance(Duration.ofDays(100));

        assertThat(advance.ran()).extracting(ran -> ran.at().getEpochSecond(), ClockAdvance.Ran::subscription)
                .containsExactly(tuple(FEB_15, first), tuple(plusMonths(secondStart, 1), second),
                        tuple(MAR_15, first), tuple(plusMonths(secondStart, 2), second),
                        tuple(APR_15, first), tuple(plusMonths(secondStart, 3), second));
        assertThat(advance.ran()).extracting(ClockAdvance.Ran::invoiceStatus).containsOnly("paid");
        assertThat(stripe.v1().subscriptions().retrieve(first).getItems().getData().get(0))
                .extracting(SubscriptionItem::getCurrentPeriodStart, SubscriptionItem::getCurrentPeriodEnd)
                .containsExactly(APR_15, MAY_15);
        List<Invoice> firstInvoices = new ArrayList<>(stripe.v1().invoices().list(InvoiceListParams.builder()
                .setSubscription(first).build()).getData());
        firstInvoices.sort(Comparator.comparing(Invoice::getCreated));
        assertThat(firstInvoices).extracting(Invoice::getCreated, Invoice::getPeriodStart, Invoice::getTotal)
                .containsExactly(tuple(START, START, 1000L), tuple(FEB_15, FEB_15, 1000L),
                        tuple(MAR_15, MAR_15, 1000L), tuple(APR_15, APR_15, 1000L));
        assertThat(stripe.v1().invoices().list(InvoiceListParams.builder().setSubscription(second).build()).getData())
                .hasSize(4).extracting(Invoice::getTotal).containsOnly(5000L);
        assertThat(advance.now()).isEqualTo(Instant.ofEpochSecond(START).plus(Duration.ofDays(101)));
    }

    @Test
    void collectionPausedToVoidKeepsItActiveAndVoidsTheRenewal() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        String id = stripe.v1().subscriptions().create(subscription(1L).build()).getId();
        stripe.v1().subscriptions().update(id, SubscriptionUpdateParams.builder()
                .setPauseCollection(SubscriptionUpdateParams.PauseCollection.builder()
                        .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.VOID).build())
                .build());
        events.clear();

        ClockAdvance advance = emulator.clock().advance(Duration.ofDays(31));

        assertThat(advance.ran()).extracting(ClockAdvance.Ran::action, ClockAdvance.Ran::status,
                ClockAdvance.Ran::invoiceStatus).containsExactly(tuple("renewed", "active", "void"));
        Subscription active = stripe.v1().subscriptions().retrieve(id);
        assertThat(active.getStatus()).isEqualTo("active");
        Invoice voided = stripe.v1().invoices().retrieve(active.getLatestInvoice());
        assertThat(voided.getStatus()).isEqualTo("void");
        assertThat(voided.getStatusTransitions().getVoidedAt()).isEqualTo(FEB_15);
        assertThat(voided.getAmountPaid()).isZero();
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.updated",
                "invoice.created", "invoice.finalized", "invoice.voided");
    }

    @Test
    void theAdvanceAnswersWhatRanOverHttp() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_chargeCustomerFail");
        String id = stripe.v1().subscriptions().create(subscription(1L).setTrialPeriodDays(2L).build()).getId();

        JsonNode answer = RawHttp.json(http.control("POST", "/_emulator/clock/advance",
                "{\"seconds\": " + Duration.ofDays(2).toSeconds() + "}"));

        assertThat(answer.get("now").asLong()).isEqualTo(START + Duration.ofDays(2).toSeconds());
        JsonNode ran = answer.get("ran");
        assertThat(ran).hasSize(1);
        assertThat(ran.get(0).get("at").asLong()).isEqualTo(START + Duration.ofDays(2).toSeconds());
        assertThat(ran.get(0).get("iso").asString()).isEqualTo("2026-01-17T10:00:00Z");
        assertThat(ran.get(0).get("action").asString()).isEqualTo("trial_ended");
        assertThat(ran.get(0).get("subscription").asString()).isEqualTo(id);
        assertThat(ran.get(0).get("status").asString()).isEqualTo("past_due");
        assertThat(ran.get(0).get("invoice").asString()).startsWith("in_");
        assertThat(ran.get(0).get("invoice_status").asString()).isEqualTo("open");
        assertThat(ran.get(0).get("events").valueStream().map(JsonNode::asString).toList())
                .containsExactly("customer.subscription.updated", "invoice.created", "invoice.finalized",
                        "invoice.payment_failed");
    }

    @Test
    void wipingTheDataSetsTheClockBack() {
        emulator.clock().advance(Duration.ofDays(3));

        emulator.reset();

        assertThat(emulator.clock().now()).isEqualTo(Instant.ofEpochSecond(START));
    }

    private List<Invoice> invoices() throws StripeException {
        return stripe.v1().invoices().list(InvoiceListParams.builder().setCustomer(customer).build()).getData();
    }

    private String number(Subscription subscription, int sequence) throws StripeException {
        return stripe.v1().customers().retrieve(subscription.getCustomer()).getInvoicePrefix()
                + String.format("-%04d", sequence);
    }

    private SubscriptionCreateParams.Builder subscription(long users) {
        return SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_users_monthly_usd").setQuantity(users).build());
    }

    private static SubscriptionCreateParams.TrialSettings missingPaymentMethod(MissingPaymentMethod behavior) {
        return SubscriptionCreateParams.TrialSettings.builder()
                .setEndBehavior(SubscriptionCreateParams.TrialSettings.EndBehavior.builder()
                        .setMissingPaymentMethod(behavior).build())
                .build();
    }

    private static long plusMonths(long epochSecond, int months) {
        return Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC).plusMonths(months).toEpochSecond();
    }
}
