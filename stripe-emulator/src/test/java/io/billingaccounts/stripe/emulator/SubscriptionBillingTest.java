package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionCreateParams.PaymentBehavior;
import com.stripe.param.SubscriptionCreateParams.TrialSettings.EndBehavior.MissingPaymentMethod;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionSearchParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.common.EmptyParam;
import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions of the catalog's prices, as the billing-accounts server makes them: the first invoice is charged
 * at once to the default payment method, or a trial waits without one.
 */
class SubscriptionBillingTest extends EmulatorTest {

    private final List<EmulatorEvent> events = new CopyOnWriteArrayList<>();
    private String customer;

    @BeforeEach
    void customer() throws StripeException {
        customer = newCustomer();
        emulator.addEventListener(events::add);
    }

    @Test
    void thePaidFirstInvoiceMakesItActive() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        events.clear();

        Subscription subscription = stripe.v1().subscriptions().create(create(Map.of("locations", 5L, "users", 25L))
                .setPaymentBehavior(PaymentBehavior.ERROR_IF_INCOMPLETE).putMetadata("billing_account_id", "ba_1")
                .addExpand("latest_invoice").build());

        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(subscription.getCurrency()).isEqualTo("usd");
        assertThat(subscription.getItems().getData()).extracting(item -> item.getPrice().getLookupKey(),
                item -> item.getPrice().getUnitAmount(), SubscriptionItem::getQuantity)
                .containsExactly(tuple("locations_monthly_usd", 1000L, 5L), tuple("users_monthly_usd", 500L, 25L));
        SubscriptionItem item = subscription.getItems().getData().get(0);
        assertThat(item.getCurrentPeriodEnd() - item.getCurrentPeriodStart()).isEqualTo(Duration.ofDays(31).toSeconds());
        Invoice invoice = subscription.getLatestInvoiceObject();
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getAmountDue()).isEqualTo(17_500);
        assertThat(invoice.getAmountPaid()).isEqualTo(17_500);
        assertThat(invoice.getBillingReason()).isEqualTo("subscription_create");
        assertThat(invoice.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(subscription.getId());
        assertThat(invoice.getLines().getData())
                .extracting(InvoiceLineItem::getDescription, InvoiceLineItem::getAmount, InvoiceLineItem::getQuantity,
                        line -> line.getPricing().getPriceDetails().getPrice())
                .containsExactly(
                        tuple("5 × Locations (at $10.00 / month)", 5_000L, 5L, "price_locations_monthly_usd"),
                        tuple("25 × Users (at $5.00 / month)", 12_500L, 25L, "price_users_monthly_usd"));
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.created",
                "customer.updated", "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded");
        assertThat(stripe.v1().invoices().retrieve(invoice.getId()).getStatus()).isEqualTo("paid");
        assertThat(stripe.v1().invoices().list(InvoiceListParams.builder().setCustomer(customer)
                .setSubscription(subscription.getId()).build()).getData()).extracting(Invoice::getId)
                .containsExactly(invoice.getId());
    }

    @Test
    void theSubscriptionsOwnDefaultPaymentMethodComesFirstAndLinesTellTheirCurrency() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_chargeCustomerFail");
        String visa = PaymentMethods.attach(stripe, customer, "pm_card_visa").getId();

        Subscription subscription = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer).setDefaultPaymentMethod(visa)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_sso_monthly_eur").setQuantity(1L).build())
                .setPaymentBehavior(PaymentBehavior.ERROR_IF_INCOMPLETE).build());

        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(subscription.getDefaultPaymentMethod()).isEqualTo(visa);
        Invoice invoice = stripe.v1().invoices().retrieve(subscription.getLatestInvoice());
        assertThat(invoice.getCurrency()).isEqualTo("eur");
        assertThat(invoice.getLines().getData()).extracting(InvoiceLineItem::getDescription)
                .containsExactly("1 × SSO (at €50.00 / month)");
    }

    @Test
    void withoutAPaymentMethodNothingIsCreated() throws StripeException {
        assertThatThrownBy(() -> stripe.v1().subscriptions().create(create(Map.of("users", 2L))
                .setPaymentBehavior(PaymentBehavior.ERROR_IF_INCOMPLETE).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
                    assertThat(e.getStripeError().getMessage())
                            .startsWith("This customer has no attached payment source or default payment method.");
                });
        assertNothingLeft();
    }

    @Test
    void aDeclinedCardWithErrorIfIncompleteAnswers402AndLeavesNothing() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_chargeCustomerFail");
        events.clear();

        assertThatThrownBy(() -> stripe.v1().subscriptions().create(create(Map.of("locations", 1L))
                .setPaymentBehavior(PaymentBehavior.ERROR_IF_INCOMPLETE).build()))
                .isInstanceOfSatisfying(CardException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(402);
                    assertThat(e.getStripeError().getType()).isEqualTo("card_error");
                    assertThat(e.getCode()).isEqualTo("card_declined");
                    assertThat(e.getDeclineCode()).isEqualTo("generic_decline");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("Your card was declined.");
                });
        assertNothingLeft();
        assertThat(events).isEmpty();
        assertThat(stripe.v1().customers().retrieve(customer).getCurrency()).isNull();
    }

    @Test
    void aRetryOfADeclinedCreateWithItsKeyIsAnsweredTheSameWithoutAnotherCharge() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_chargeCustomerFail");
        String form = "customer=" + customer + "&items[0][price]=price_users_monthly_usd&payment_behavior=error_if_incomplete";
        events.clear();

        HttpResponse<String> first = http.stripe("POST", "/v1/subscriptions", form, "Idempotency-Key", "subscribe-1");
        HttpResponse<String> retried = http.stripe("POST", "/v1/subscriptions", form, "Idempotency-Key", "subscribe-1");

        assertThat(first.statusCode()).isEqualTo(402);
        assertThat(retried.statusCode()).isEqualTo(402);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(events).isEmpty();
        assertNothingLeft();
    }

    @Test
    void aDeclinedCardOtherwiseLeavesItIncompleteWithAnOpenInvoice() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_chargeCustomerFail");
        events.clear();

        Subscription subscription = stripe.v1().subscriptions().create(create(Map.of("locations", 1L))
                .setPaymentBehavior(PaymentBehavior.ALLOW_INCOMPLETE).build());

        assertThat(subscription.getStatus()).isEqualTo("incomplete");
        Invoice invoice = stripe.v1().invoices().retrieve(subscription.getLatestInvoice());
        assertThat(invoice.getStatus()).isEqualTo("open");
        assertThat(invoice.getAttempted()).isTrue();
        assertThat(invoice.getAmountRemaining()).isEqualTo(1000);
        assertThat(events).extracting(EmulatorEvent::type).contains("invoice.payment_failed").doesNotContain("invoice.paid");
    }

    @Test
    void aTrialNeedsNoPaymentMethodAndBillsNothingYet() throws StripeException {
        Subscription trialing = stripe.v1().subscriptions().create(create(Map.of("users", 3L))
                .setTrialPeriodDays(14L)
                .setTrialSettings(SubscriptionCreateParams.TrialSettings.builder()
                        .setEndBehavior(SubscriptionCreateParams.TrialSettings.EndBehavior.builder()
                                .setMissingPaymentMethod(MissingPaymentMethod.PAUSE).build())
                        .build())
                .setPaymentBehavior(PaymentBehavior.ERROR_IF_INCOMPLETE).build());

        long now = clock.instant().getEpochSecond();
        assertThat(trialing.getStatus()).isEqualTo("trialing");
        assertThat(trialing.getTrialStart()).isEqualTo(now);
        assertThat(trialing.getTrialEnd()).isEqualTo(now + Duration.ofDays(14).toSeconds());
        assertThat(trialing.getTrialSettings().getEndBehavior().getMissingPaymentMethod()).isEqualTo("pause");
        assertThat(trialing.getItems().getData().get(0).getCurrentPeriodEnd()).isEqualTo(trialing.getTrialEnd());
        assertThat(trialing.getLatestInvoice()).isNull();
        assertThat(stripe.v1().invoices().list(InvoiceListParams.builder().setCustomer(customer).build()).getData()).isEmpty();
    }

    @Test
    void endingTheTrialNowBillsTheFirstPeriod() throws StripeException {
        String id = stripe.v1().subscriptions().create(create(Map.of("users", 3L)).setTrialPeriodDays(14L).build()).getId();
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");

        Subscription ended = stripe.v1().subscriptions().update(id, SubscriptionUpdateParams.builder()
                .setTrialEnd(SubscriptionUpdateParams.TrialEnd.NOW).build());

        assertThat(ended.getStatus()).isEqualTo("active");
        assertThat(ended.getTrialEnd()).isEqualTo(clock.instant().getEpochSecond());
        Invoice invoice = stripe.v1().invoices().retrieve(ended.getLatestInvoice());
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getTotal()).isEqualTo(1500);
    }

    @Test
    void aTrialEndedWithoutAPaymentMethodItStillHoldsIsPastDue() throws StripeException {
        String visa = PaymentMethods.attach(stripe, customer, "pm_card_visa").getId();
        String id = stripe.v1().subscriptions().create(create(Map.of("users", 3L)).setTrialPeriodDays(14L)
                .setDefaultPaymentMethod(visa).build()).getId();
        stripe.v1().paymentMethods().detach(visa);
        events.clear();

        Subscription ended = stripe.v1().subscriptions().update(id, SubscriptionUpdateParams.builder()
                .setTrialEnd(SubscriptionUpdateParams.TrialEnd.NOW).build());

        assertThat(ended.getStatus()).isEqualTo("past_due");
        assertThat(stripe.v1().invoices().retrieve(ended.getLatestInvoice()).getStatus()).isEqualTo("open");
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.updated",
                "invoice.created", "invoice.finalized", "invoice.payment_failed");
    }

    @Test
    void updatesChangeAddAndDeleteItemsAndMergeMetadata() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        Subscription subscription = stripe.v1().subscriptions().create(create(Map.of("locations", 5L, "users", 25L))
                .putMetadata("keep", "1").putMetadata("drop", "2").build());
        List<SubscriptionItem> items = subscription.getItems().getData();
        events.clear();

        Subscription updated = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(items.get(0).getId()).setQuantity(7L).build())
                .addItem(SubscriptionUpdateParams.Item.builder().setId(items.get(1).getId()).setDeleted(true).build())
                .addItem(SubscriptionUpdateParams.Item.builder().setPrice("price_sso_monthly_usd").setQuantity(1L).build())
                .putMetadata("drop", "").putMetadata("added", "3")
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.CREATE_PRORATIONS)
                .build());

        assertThat(updated.getItems().getData()).extracting(item -> item.getPrice().getId(), SubscriptionItem::getQuantity)
                .containsExactly(tuple("price_locations_monthly_usd", 7L), tuple("price_sso_monthly_usd", 1L));
        assertThat(updated.getItems().getData().get(1).getCurrentPeriodEnd()).isEqualTo(items.get(0).getCurrentPeriodEnd());
        assertThat(updated.getMetadata()).containsExactlyInAnyOrderEntriesOf(Map.of("keep", "1", "added", "3"));
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.subscription.updated",
                "invoiceitem.created", "invoiceitem.created", "invoiceitem.created", "invoiceitem.created");
        assertThat(events.get(0).previousAttributes().propertyNames()).containsExactlyInAnyOrder("items", "metadata");
        assertThat(events.subList(1, 5)).extracting(event -> event.object().get("description").asString())
                .containsExactly("Unused time on 5 × Locations after 15 Jan 2026",
                        "Unused time on 25 × Users after 15 Jan 2026", "Remaining time on 7 × Locations after 15 Jan 2026",
                        "Remaining time on SSO after 15 Jan 2026");
        assertThatThrownBy(() -> stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setPrice("price_sso_monthly_eur").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("items[0][price]"));
        assertThatThrownBy(() -> stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setPrice("price_sso_monthly_usd").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("items"));
    }

    @Test
    void pausingCollectionKeepsItActiveAndAnEmptyValueResumesIt() throws StripeException {
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        String id = stripe.v1().subscriptions().create(create(Map.of("users", 1L)).build()).getId();

        Subscription paused = stripe.v1().subscriptions().update(id, SubscriptionUpdateParams.builder()
                .setPauseCollection(SubscriptionUpdateParams.PauseCollection.builder()
                        .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.VOID).build())
                .build());
        assertThat(paused.getStatus()).isEqualTo("active");
        assertThat(paused.getPauseCollection().getBehavior()).isEqualTo("void");

        Subscription resumed = stripe.v1().subscriptions().update(id, SubscriptionUpdateParams.builder()
                .setPauseCollection(EmptyParam.EMPTY).setCancelAtPeriodEnd(true).build());
        assertThat(resumed.getPauseCollection()).isNull();
        assertThat(resumed.getCancelAtPeriodEnd()).isTrue();
        assertThat(resumed.getCancelAt()).isEqualTo(resumed.getItems().getData().get(0).getCurrentPeriodEnd());
        assertThat(resumed.getStatus()).isEqualTo("active");
        assertThatThrownBy(() -> stripe.v1().subscriptions().resume(id))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    }

    @Test
    void searchFindsSubscriptionsByMetadataAndDeleteCancelsAtOnce() throws StripeException {
        String wanted = stripe.v1().subscriptions().create(create(Map.of("users", 1L)).setTrialPeriodDays(14L)
                .putMetadata("billing_create_intent", "0b6f0c4e-1").build()).getId();
        stripe.v1().subscriptions().create(create(Map.of("users", 1L)).setTrialPeriodDays(14L)
                .putMetadata("billing_create_intent", "0b6f0c4e-2").build());

        assertThat(stripe.v1().subscriptions().search(SubscriptionSearchParams.builder()
                .setQuery("metadata['billing_create_intent']:'0b6f0c4e-1'").build()).getData())
                .extracting(Subscription::getId).containsExactly(wanted);
        assertThat(stripe.v1().subscriptions().search(SubscriptionSearchParams.builder()
                .setQuery("status:'trialing'").build()).getData()).hasSize(2);

        Subscription canceled = stripe.v1().subscriptions().cancel(wanted);
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getEndedAt()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer).build())
                .getData()).hasSize(1);
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer)
                .setStatus(SubscriptionListParams.Status.ALL).build()).getData()).hasSize(2);
    }

    private SubscriptionCreateParams.Builder create(Map<String, Long> quantities) {
        SubscriptionCreateParams.Builder builder = SubscriptionCreateParams.builder().setCustomer(customer);
        for (String product : List.of("locations", "users", "sso")) {
            if (quantities.containsKey(product)) {
                builder.addItem(SubscriptionCreateParams.Item.builder().setPrice("price_" + product + "_monthly_usd")
                        .setQuantity(quantities.get(product)).build());
            }
        }
        return builder;
    }

    private void assertNothingLeft() throws StripeException {
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder()
                .setStatus(SubscriptionListParams.Status.ALL).build()).getData()).isEmpty();
        assertThat(stripe.v1().invoices().list(InvoiceListParams.builder().build()).getData()).isEmpty();
    }
}
