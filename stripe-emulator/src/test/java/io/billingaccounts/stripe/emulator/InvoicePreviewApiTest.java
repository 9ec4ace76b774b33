package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.InvoiceCreatePreviewParams.SubscriptionDetails;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/invoices/create_preview}: the invoice Stripe would make next, for a new subscription or a change
 * to one, equal to the invoice the emulator then makes when the change is applied and the period renews.
 */
class InvoicePreviewApiTest extends EmulatorTest {

    /** The catalog's monthly periods from 2026-01-15T10:00:00Z last 31 days. */
    private static final long START = Instant.parse("2026-01-15T10:00:00Z").getEpochSecond();
    private static final long PERIOD = Duration.ofDays(31).toSeconds();
    private static final long TEN_DAYS = Duration.ofDays(10).toSeconds();
    private static final long FEBRUARY = Duration.ofDays(28).toSeconds();

    private final List<EmulatorEvent> events = new CopyOnWriteArrayList<>();
    private String customer;

    @BeforeEach
    void customerWithACard() throws StripeException {
        customer = newCustomerWithACard();
    }

    @Test
    void aNewSubscriptionsPreviewBillsAWholePeriodAnItemAndKeepsNothing() throws StripeException {
        emulator.addEventListener(events::add);

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setCustomer(customer)
                .setSubscriptionDetails(SubscriptionDetails.builder()
                        .addItem(SubscriptionDetails.Item.builder().setPrice("price_locations_monthly_usd")
                                .setQuantity(5L).build())
                        .addItem(SubscriptionDetails.Item.builder().setPrice("price_users_monthly_usd")
                                .setQuantity(25L).build())
                        .build())
                .build());

        assertThat(preview.getId()).startsWith("upcoming_in_");
        assertThat(preview.getObject()).isEqualTo("invoice");
        assertThat(preview.getStatus()).isEqualTo("draft");
        assertThat(preview.getNumber()).isNull();
        assertThat(preview.getBillingReason()).isEqualTo("upcoming");
        assertThat(preview.getCustomer()).isEqualTo(customer);
        assertThat(preview.getCurrency()).isEqualTo("usd");
        assertThat(preview.getParent().getSubscriptionDetails().getSubscription()).isNull();
        assertThat(List.of(preview.getSubtotal(), preview.getTotal(), preview.getAmountDue())).containsOnly(17_500L);
        assertThat(preview.getLines().getHasMore()).isFalse();
        assertThat(preview.getLines().getData()).extracting(InvoiceLineItem::getDescription, InvoiceLineItem::getAmount,
                line -> line.getPeriod().getStart(), line -> line.getPeriod().getEnd())
                .containsExactly(tuple("5 × Locations (at $10.00 / month)", 5_000L, START, START + PERIOD),
                        tuple("25 × Users (at $5.00 / month)", 12_500L, START, START + PERIOD));
        assertThat(stripe.v1().invoices().list(InvoiceListParams.builder().setCustomer(customer).build()).getData())
                .isEmpty();
        assertThat(http.stripe("GET", "/v1/invoices/" + preview.getId(), null).statusCode()).isEqualTo(404);
        assertThat(events).isEmpty();
    }

    @Test
    void aNewSubscriptionWithATrialPreviewsTheTrialsInvoiceOfNothing() throws StripeException {
        long trialEnd = START + Duration.ofDays(14).toSeconds();

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setCustomer(customer)
                .setSubscriptionDetails(SubscriptionDetails.builder().setTrialEnd(trialEnd)
                        .addItem(SubscriptionDetails.Item.builder().setPrice("price_locations_monthly_usd")
                                .setQuantity(5L).build())
                        .build())
                .build());

        assertThat(preview.getTotal()).isZero();
        assertThat(preview.getLines().getData()).extracting(InvoiceLineItem::getDescription, InvoiceLineItem::getAmount,
                line -> line.getPeriod().getEnd())
                .containsExactly(tuple("Trial period for Locations", 0L, trialEnd));
    }

    @Test
    void anIncreasesPreviewIsTheInvoiceTheRenewalMakesOnceTheChangeIsApplied() throws StripeException {
        Subscription subscription = subscribe(5);
        String item = subscription.getItems().getData().get(0).getId();
        emulator.clock().advance(Duration.ofDays(10));
        long at = START + TEN_DAYS;

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setCustomer(customer).setSubscription(subscription.getId())
                .setSubscriptionDetails(SubscriptionDetails.builder()
                        .addItem(SubscriptionDetails.Item.builder().setId(item).setQuantity(8L).build()).build())
                .build());

        // 21 of the period's 31 days are left: 5 000 × 21/31 = 3 387.1 and 8 000 × 21/31 = 5 419.4, rounded.
        assertThat(lines(preview)).containsExactly(
                tuple("Unused time on 5 × Locations after 25 Jan 2026", -3_387L, at, START + PERIOD, true),
                tuple("Remaining time on 8 × Locations after 25 Jan 2026", 5_419L, at, START + PERIOD, true),
                tuple("8 × Locations (at $10.00 / month)", 8_000L, START + PERIOD, START + PERIOD + FEBRUARY, false));
        assertThat(preview.getLines().getData()).extracting(line -> line.getParent().getSubscriptionItemDetails()
                .getSubscriptionItem()).containsOnly(item);
        assertThat(List.of(preview.getSubtotal(), preview.getTotal(), preview.getAmountDue())).containsOnly(10_032L);
        assertThat(preview.getCreated()).isEqualTo(START + PERIOD);
        assertThat(preview.getNextPaymentAttempt()).isEqualTo(START + PERIOD);
        assertThat(preview.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(subscription.getId());

        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(item).setQuantity(8L).build()).build());
        emulator.clock().advance(Duration.ofDays(21));
        Invoice renewal = latestInvoice(subscription.getId());

        assertThat(renewal.getBillingReason()).isEqualTo("subscription_cycle");
        assertThat(renewal.getStatus()).isEqualTo("paid");
        assertThat(renewal.getTotal()).isEqualTo(preview.getTotal());
        assertThat(renewal.getAmountPaid()).isEqualTo(preview.getAmountDue());
        assertThat(lines(renewal)).containsExactlyElementsOf(lines(preview));
        assertThat(renewal.getLines().getData().get(0).getParent().getSubscriptionItemDetails().getInvoiceItem())
                .startsWith("ii_");
    }

    @Test
    void aProrationDateGivenToThePreviewAndTheUpdateProratesBothAlike() throws StripeException {
        Subscription subscription = subscribe(5);
        String item = subscription.getItems().getData().get(0).getId();
        long at = START + Duration.ofDays(3).toSeconds();
        emulator.clock().advance(Duration.ofDays(10));

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .setSubscriptionDetails(SubscriptionDetails.builder().setProrationDate(at)
                        .addItem(SubscriptionDetails.Item.builder().setId(item).setQuantity(6L).build()).build())
                .build());
        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder().setProrationDate(at)
                .addItem(SubscriptionUpdateParams.Item.builder().setId(item).setQuantity(6L).build()).build());
        emulator.clock().advance(Duration.ofDays(21));

        // 28 days left: 5 000 × 28/31 = 4 516.1 and 6 000 × 28/31 = 5 419.4.
        assertThat(lines(preview)).extracting(line -> line.toList().get(1)).containsExactly(-4_516L, 5_419L, 6_000L);
        assertThat(lines(latestInvoice(subscription.getId()))).containsExactlyElementsOf(lines(preview));
        assertThatThrownBy(() -> stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .setSubscriptionDetails(SubscriptionDetails.builder().setProrationDate(START - 1).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("subscription_details[proration_date]"));
    }

    @Test
    void aDecreasesPreviewCreditsTheUnusedTimeAndTheCreditCarriesToLaterInvoices() throws StripeException {
        Subscription subscription = subscribe(10);
        String item = subscription.getItems().getData().get(0).getId();
        emulator.clock().advance(Duration.ofDays(10));

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .setSubscriptionDetails(SubscriptionDetails.builder()
                        .addItem(SubscriptionDetails.Item.builder().setId(item).setQuantity(2L).build()).build())
                .build());

        // 10 000 × 21/31 = 6 774.2 credited, 2 000 × 21/31 = 1 354.8 charged, then a period of 2.
        assertThat(lines(preview)).extracting(line -> line.toList().get(1)).containsExactly(-6_774L, 1_355L, 2_000L);
        assertThat(preview.getTotal()).isEqualTo(-3_419L);
        assertThat(preview.getAmountDue()).isZero();

        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(item).setQuantity(2L).build()).build());
        emulator.clock().advance(Duration.ofDays(21));
        Invoice renewal = latestInvoice(subscription.getId());

        assertThat(renewal.getTotal()).isEqualTo(-3_419L);
        assertThat(renewal.getAmountDue()).isZero();
        assertThat(renewal.getStatus()).isEqualTo("paid");
        assertThat(renewal.getEndingBalance()).isEqualTo(-3_419L);
        assertThat(stripe.v1().customers().retrieve(customer).getBalance()).isEqualTo(-3_419L);

        Invoice nextPreview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId()).build());
        assertThat(List.of(nextPreview.getTotal(), nextPreview.getStartingBalance(), nextPreview.getAmountDue()))
                .containsExactly(2_000L, -3_419L, 0L);
        emulator.clock().advance(Duration.ofDays(28));
        emulator.clock().advance(Duration.ofDays(31));
        Invoice third = latestInvoice(subscription.getId());
        assertThat(List.of(third.getTotal(), third.getStartingBalance(), third.getAmountDue(), third.getAmountPaid()))
                .containsExactly(2_000L, -1_419L, 581L, 581L);
        Customer charged = stripe.v1().customers().retrieve(customer);
        assertThat(charged.getBalance()).isZero();
    }

    @Test
    void alwaysInvoicePreviewsTheInvoiceTheUpdateMakesAtOnce() throws StripeException {
        Subscription subscription = subscribe(5);
        String item = subscription.getItems().getData().get(0).getId();
        emulator.clock().advance(Duration.ofDays(10));

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .setSubscriptionDetails(SubscriptionDetails.builder()
                        .setProrationBehavior(SubscriptionDetails.ProrationBehavior.ALWAYS_INVOICE)
                        .addItem(SubscriptionDetails.Item.builder().setId(item).setQuantity(8L).build()).build())
                .build());
        Subscription updated = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE)
                .addItem(SubscriptionUpdateParams.Item.builder().setId(item).setQuantity(8L).build()).build());
        Invoice invoiced = stripe.v1().invoices().retrieve(updated.getLatestInvoice());

        assertThat(preview.getTotal()).isEqualTo(2_032L);
        assertThat(preview.getCreated()).isEqualTo(START + TEN_DAYS);
        assertThat(invoiced.getBillingReason()).isEqualTo("subscription_update");
        assertThat(invoiced.getStatus()).isEqualTo("paid");
        assertThat(invoiced.getTotal()).isEqualTo(preview.getTotal());
        assertThat(lines(invoiced)).containsExactlyElementsOf(lines(preview));
    }

    @Test
    void withoutProrationsThePreviewIsTheNextPeriodAtTheNewQuantity() throws StripeException {
        Subscription subscription = subscribe(5);
        String item = subscription.getItems().getData().get(0).getId();
        emulator.clock().advance(Duration.ofDays(10));

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .setSubscriptionDetails(SubscriptionDetails.builder()
                        .setProrationBehavior(SubscriptionDetails.ProrationBehavior.NONE)
                        .addItem(SubscriptionDetails.Item.builder().setId(item).setQuantity(8L).build()).build())
                .build());

        assertThat(lines(preview)).extracting(line -> line.toList().get(0))
                .containsExactly("8 × Locations (at $10.00 / month)");
        assertThat(preview.getTotal()).isEqualTo(8_000L);
    }

    /** As on Stripe: a subscription that ends with its period makes no further invoice. */
    @Test
    void aSubscriptionCancellingAtItsPeriodsEndHasNoUpcomingInvoice() throws StripeException {
        Subscription subscription = subscribe(5);
        InvoiceCreatePreviewParams cancelling = InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .setSubscriptionDetails(SubscriptionDetails.builder().setCancelAtPeriodEnd(true).build()).build();

        assertNoUpcomingInvoice(cancelling);

        stripe.v1().subscriptions().update(subscription.getId(),
                SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());
        assertNoUpcomingInvoice(InvoiceCreatePreviewParams.builder().setSubscription(subscription.getId()).build());
        Invoice kept = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .setSubscriptionDetails(SubscriptionDetails.builder().setCancelAtPeriodEnd(false).build()).build());
        assertThat(kept.getTotal()).isEqualTo(5_000L);

        stripe.v1().subscriptions().cancel(subscription.getId());
        assertNoUpcomingInvoice(InvoiceCreatePreviewParams.builder().setSubscription(subscription.getId()).build());
    }

    @Test
    void aTrialingSubscriptionsPreviewIsTheFirstPeriodAfterTheTrial() throws StripeException {
        Subscription trialing = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer).setTrialPeriodDays(14L)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_users_monthly_usd").setQuantity(3L)
                        .build())
                .build());

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(trialing.getId()).build());

        long trialEnd = START + Duration.ofDays(14).toSeconds();
        assertThat(preview.getTotal()).isEqualTo(1_500L);
        assertThat(preview.getPeriodStart()).isEqualTo(trialEnd);
        assertThat(preview.getPeriodEnd()).isEqualTo(trialEnd + Duration.ofDays(30).toSeconds());
    }

    /**
     * A preview is a read that happens to be a POST: it keeps nothing, so its Idempotency-Key is harmless and keeps
     * no answer, and it tells of nothing.
     */
    @Test
    void anIdempotencyKeyIsTakenAndKeepsNoAnswer() throws StripeException {
        Subscription subscription = subscribe(5);
        emulator.addEventListener(events::add);
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("preview-1").build();

        Invoice first = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId()).build(), key);
        Invoice other = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId())
                .setSubscriptionDetails(SubscriptionDetails.builder().setProrationBehavior(
                        SubscriptionDetails.ProrationBehavior.NONE).build()).build(), key);

        assertThat(other.getId()).isNotEqualTo(first.getId());
        assertThat(other.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(events).isEmpty();
        assertThat(emulator.requests().count("POST /v1/invoices/create_preview")).isEqualTo(2);
    }

    @Test
    void aPreviewWritesNothingToTheLog(@TempDir Path dataDir) throws StripeException, IOException {
        try (StripeEmulator kept = StripeEmulator.start(options().dataDir(dataDir).build())) {
            StripeClient client = client(kept);
            String owner = client.v1().customers().create(CustomerCreateParams.builder().build()).getId();
            PaymentMethods.attachAsDefault(client, owner, "pm_card_visa");
            String subscription = client.v1().subscriptions().create(SubscriptionCreateParams.builder()
                    .setCustomer(owner).addItem(SubscriptionCreateParams.Item.builder()
                            .setPrice("price_locations_monthly_usd").build()).build()).getId();
            long logged = Files.size(dataDir.resolve("wal.jsonl"));

            client.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder().setSubscription(subscription)
                    .build(), RequestOptions.builder().setIdempotencyKey("preview-logged").build());

            assertThat(Files.size(dataDir.resolve("wal.jsonl"))).isEqualTo(logged);
        }
    }

    @Test
    void refusesWhatStripeRefusesAndWhatTheEmulatorDoesNotModel() throws StripeException {
        Subscription subscription = subscribe(5);

        assertThatThrownBy(() -> stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setCustomer(customer).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStripeError().getMessage())
                        .startsWith("The Preview Invoice API only supports previewing the upcoming invoice"));
        assertThatThrownBy(() -> stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription("sub_missing").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("subscription");
                });
        assertThatThrownBy(() -> stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId()).setSchedule("sub_sched_1").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("schedule"));
        HttpResponse<String> unknown = http.stripe("POST", "/v1/invoices/create_preview",
                "subscription=" + subscription.getId() + "&subscription_details[planet]=mars");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(unknown).at("/error/param").asString()).isEqualTo("subscription_details[planet]");
    }

    @Test
    void faultsHitPreviewsAsAnyRequest() throws StripeException {
        Subscription subscription = subscribe(5);
        emulator.faults().inject("POST /v1/invoices/create_preview", FaultKind.HTTP_500, 1);

        assertThatThrownBy(() -> stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId()).build())).isInstanceOf(ApiException.class);
        assertThat(stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId()).build()).getTotal()).isEqualTo(5_000L);
    }

    private Subscription subscribe(long locations) throws StripeException {
        return stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_locations_monthly_usd")
                        .setQuantity(locations).build())
                .build());
    }

    private Invoice latestInvoice(String subscription) throws StripeException {
        return stripe.v1().invoices().retrieve(stripe.v1().subscriptions().retrieve(subscription).getLatestInvoice());
    }

    private void assertNoUpcomingInvoice(InvoiceCreatePreviewParams params) {
        assertThatThrownBy(() -> stripe.v1().invoices().createPreview(params))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("invoice_upcoming_none");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("No upcoming invoices for customer: " + customer);
                });
    }

    /** What a line bills: description, amount, period start and end, whether it prorates. */
    private static List<Tuple> lines(Invoice invoice) {
        return invoice.getLines().getData().stream().map(line -> tuple(line.getDescription(), line.getAmount(),
                line.getPeriod().getStart(), line.getPeriod().getEnd(),
                line.getParent().getSubscriptionItemDetails().getProration())).toList();
    }
}
