package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.stripe.exception.ApiException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionScheduleCreateParams;
import com.stripe.param.SubscriptionScheduleListParams;
import com.stripe.param.SubscriptionScheduleRetrieveParams;
import com.stripe.param.SubscriptionScheduleUpdateParams;
import com.stripe.param.SubscriptionScheduleUpdateParams.Phase;
import io.billingaccounts.stripe.emulator.clock.ClockAdvance;
import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscription schedules made from a subscription: their phases, what the clock does at a phase's end (the renewal
 * bills the next phase's quantities, unprorated), release, cancel, and the events Stripe sends of them.
 */
class SubscriptionScheduleApiTest extends EmulatorTest {

    private static final long START = Instant.parse("2026-01-15T10:00:00Z").getEpochSecond();
    private static final long PERIOD_END = Instant.parse("2026-02-15T10:00:00Z").getEpochSecond();
    private static final long NEXT_PERIOD_END = Instant.parse("2026-03-15T10:00:00Z").getEpochSecond();
    private static final String LOCATIONS = "price_locations_monthly_usd";

    private final List<EmulatorEvent> events = new CopyOnWriteArrayList<>();
    private String customer;

    @BeforeEach
    void customerWithACard() throws StripeException {
        customer = newCustomerWithACard();
        emulator.addEventListener(events::add);
    }

    @Test
    void aScheduleFromASubscriptionHasOnePhaseItsItemsOverItsCurrentPeriod() throws StripeException {
        Subscription subscription = subscribe(10);
        events.clear();

        SubscriptionSchedule schedule = fromSubscription(subscription);

        assertThat(schedule.getId()).startsWith("sub_sched_");
        assertThat(schedule.getStatus()).isEqualTo("active");
        assertThat(schedule.getEndBehavior()).isEqualTo("release");
        assertThat(schedule.getSubscription()).isEqualTo(subscription.getId());
        assertThat(schedule.getCustomer()).isEqualTo(customer);
        assertThat(List.of(schedule.getCurrentPhase().getStartDate(), schedule.getCurrentPhase().getEndDate()))
                .containsExactly(START, PERIOD_END);
        assertThat(schedule.getPhases()).singleElement().satisfies(phase -> {
            assertThat(List.of(phase.getStartDate(), phase.getEndDate())).containsExactly(START, PERIOD_END);
            assertThat(phase.getItems()).extracting(SubscriptionSchedule.Phase.Item::getPrice,
                    SubscriptionSchedule.Phase.Item::getPlan, SubscriptionSchedule.Phase.Item::getQuantity)
                    .containsExactly(tuple(LOCATIONS, LOCATIONS, 10L));
        });
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getSchedule()).isEqualTo(schedule.getId());
        assertThat(events).extracting(EmulatorEvent::type)
                .containsExactly("subscription_schedule.created", "customer.subscription.updated");
        assertThat(events.get(1).previousAttributes().propertyNames()).containsExactly("schedule");
        assertThat(stripe.v1().subscriptionSchedules().retrieve(schedule.getId(),
                SubscriptionScheduleRetrieveParams.builder().addExpand("subscription").build())
                .getSubscriptionObject().getSchedule()).isEqualTo(schedule.getId());
        assertThat(stripe.v1().subscriptionSchedules().list(SubscriptionScheduleListParams.builder()
                .setCustomer(customer).build()).getData()).extracting(SubscriptionSchedule::getId)
                .containsExactly(schedule.getId());
    }

    @Test
    void refusesWhatStripeRefuses() throws StripeException {
        Subscription subscription = subscribe(10);
        fromSubscription(subscription);

        assertRefused(() -> stripe.v1().subscriptionSchedules().create(SubscriptionScheduleCreateParams.builder()
                .setFromSubscription(subscription.getId()).build()), "from_subscription");
        assertRefused(() -> stripe.v1().subscriptionSchedules().create(SubscriptionScheduleCreateParams.builder()
                .setFromSubscription(subscription.getId()).setCustomer(customer).build()), "customer");
        assertRefused(() -> stripe.v1().subscriptionSchedules().create(SubscriptionScheduleCreateParams.builder()
                .setCustomer(customer).build()), "from_subscription");
        assertRefused(() -> stripe.v1().subscriptionSchedules().create(SubscriptionScheduleCreateParams.builder()
                .setFromSubscription("sub_missing").build()), "from_subscription");
        assertThatThrownBy(() -> stripe.v1().subscriptionSchedules().retrieve("sub_sched_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    /**
     * The phase after one made from a subscription starts at the period's end: the renewal bills its quantity, with
     * no proration; after the last phase the schedule releases the subscription, which goes on.
     */
    @Test
    void aLaterPhaseGivesTheRenewalItsQuantityAndTheLastPhaseReleasesTheSubscription() throws StripeException {
        Subscription subscription = subscribe(10);
        String item = subscription.getItems().getData().get(0).getId();
        SubscriptionSchedule schedule = fromSubscription(subscription);
        events.clear();

        SubscriptionSchedule updated = stripe.v1().subscriptionSchedules().update(schedule.getId(),
                SubscriptionScheduleUpdateParams.builder()
                        .addPhase(phase(10).setStartDate(START).setEndDate(PERIOD_END).build())
                        .addPhase(phase(4).setDuration(Phase.Duration.builder()
                                .setInterval(Phase.Duration.Interval.MONTH).build()).build())
                        .build());

        assertThat(updated.getPhases()).extracting(SubscriptionSchedule.Phase::getStartDate,
                SubscriptionSchedule.Phase::getEndDate, phase -> phase.getItems().get(0).getQuantity())
                .containsExactly(tuple(START, PERIOD_END, 10L), tuple(PERIOD_END, NEXT_PERIOD_END, 4L));
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("subscription_schedule.updated");
        assertThat(stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId()).build()).getTotal()).isEqualTo(4_000L);
        events.clear();

        ClockAdvance renewal = emulator.clock().advance(Duration.ofDays(31));

        assertThat(renewal.ran()).extracting(ClockAdvance.Ran::action).containsExactly("phase_ended", "renewed");
        Subscription moved = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(moved.getItems().getData()).extracting(SubscriptionItem::getId, SubscriptionItem::getQuantity)
                .containsExactly(tuple(item, 4L));
        Invoice invoice = stripe.v1().invoices().retrieve(moved.getLatestInvoice());
        assertThat(invoice.getTotal()).isEqualTo(4_000L);
        assertThat(invoice.getLines().getData()).extracting(InvoiceLineItem::getDescription)
                .containsExactly("4 × Locations (at $10.00 / month)");
        SubscriptionSchedule inSecondPhase = stripe.v1().subscriptionSchedules().retrieve(schedule.getId());
        assertThat(List.of(inSecondPhase.getCurrentPhase().getStartDate(), inSecondPhase.getCurrentPhase().getEndDate()))
                .containsExactly(PERIOD_END, NEXT_PERIOD_END);
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("subscription_schedule.updated",
                "customer.subscription.updated", "customer.subscription.updated", "invoice.created",
                "invoice.finalized", "invoice.paid", "invoice.payment_succeeded");
        events.clear();

        emulator.clock().advance(Duration.ofDays(28));

        SubscriptionSchedule released = stripe.v1().subscriptionSchedules().retrieve(schedule.getId());
        assertThat(released.getStatus()).isEqualTo("released");
        assertThat(released.getReleasedSubscription()).isEqualTo(subscription.getId());
        assertThat(released.getSubscription()).isNull();
        assertThat(released.getReleasedAt()).isEqualTo(NEXT_PERIOD_END);
        Subscription alone = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(alone.getSchedule()).isNull();
        assertThat(alone.getStatus()).isEqualTo("active");
        assertThat(stripe.v1().invoices().retrieve(alone.getLatestInvoice()).getTotal()).isEqualTo(4_000L);
        assertThat(events).extracting(EmulatorEvent::type).startsWith("subscription_schedule.released",
                "customer.subscription.updated");
    }

    @Test
    void changingTheCurrentPhasesItemsChangesTheSubscriptionAtOnceWithProrations() throws StripeException {
        Subscription subscription = subscribe(10);
        emulator.clock().advance(Duration.ofDays(10));
        SubscriptionSchedule schedule = fromSubscription(subscription);
        events.clear();

        stripe.v1().subscriptionSchedules().update(schedule.getId(), SubscriptionScheduleUpdateParams.builder()
                .addPhase(phase(6).build()).build());

        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getItems().getData().get(0).getQuantity())
                .isEqualTo(6L);
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("subscription_schedule.updated",
                "customer.subscription.updated", "invoiceitem.created", "invoiceitem.created");
        assertThat(events.subList(2, 4)).extracting(event -> event.object().get("amount").asLong())
                .containsExactly(-6_774L, 4_065L);

        events.clear();
        stripe.v1().subscriptionSchedules().update(schedule.getId(), SubscriptionScheduleUpdateParams.builder()
                .setProrationBehavior(SubscriptionScheduleUpdateParams.ProrationBehavior.NONE)
                .addPhase(phase(7).build()).build());
        assertThat(events).extracting(EmulatorEvent::type)
                .containsExactly("subscription_schedule.updated", "customer.subscription.updated");
        assertRefused(() -> stripe.v1().subscriptionSchedules().update(schedule.getId(),
                SubscriptionScheduleUpdateParams.builder().addPhase(phase(7).setStartDate(START + 1).build()).build()),
                "phases[0][start_date]");
        assertRefused(() -> stripe.v1().subscriptionSchedules().update(schedule.getId(),
                SubscriptionScheduleUpdateParams.builder().addPhase(phase(7).setEndDate(START).build()).build()),
                "phases[0][end_date]");
    }

    @Test
    void releaseLeavesTheSubscriptionGoingOnAlone() throws StripeException {
        Subscription subscription = subscribe(10);
        SubscriptionSchedule schedule = fromSubscription(subscription);
        events.clear();

        SubscriptionSchedule released = stripe.v1().subscriptionSchedules().release(schedule.getId());

        assertThat(released.getStatus()).isEqualTo("released");
        assertThat(released.getReleasedAt()).isEqualTo(START);
        assertThat(released.getReleasedSubscription()).isEqualTo(subscription.getId());
        assertThat(released.getSubscription()).isNull();
        assertThat(released.getCurrentPhase()).isNull();
        Subscription alone = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(alone.getSchedule()).isNull();
        assertThat(alone.getStatus()).isEqualTo("active");
        assertThat(events).extracting(EmulatorEvent::type)
                .containsExactly("subscription_schedule.released", "customer.subscription.updated");
        assertThatThrownBy(() -> stripe.v1().subscriptionSchedules().release(schedule.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStripeError().getMessage())
                        .startsWith("You cannot release a subscription schedule that is currently in the `released`"
                                + " status."));
        assertThat(fromSubscription(alone).getSubscription()).isEqualTo(subscription.getId());
    }

    @Test
    void cancelCancelsTheSubscriptionTooAndCancellingTheSubscriptionCancelsItsSchedule() throws StripeException {
        Subscription subscription = subscribe(10);
        SubscriptionSchedule schedule = fromSubscription(subscription);
        events.clear();

        SubscriptionSchedule canceled = stripe.v1().subscriptionSchedules().cancel(schedule.getId());

        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCanceledAt()).isEqualTo(START);
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getStatus()).isEqualTo("canceled");
        assertThat(events).extracting(EmulatorEvent::type)
                .containsExactly("subscription_schedule.canceled", "customer.subscription.deleted");

        Subscription other = subscribe(3);
        SubscriptionSchedule otherSchedule = fromSubscription(other);
        events.clear();
        stripe.v1().subscriptions().cancel(other.getId());
        assertThat(stripe.v1().subscriptionSchedules().retrieve(otherSchedule.getId()).getStatus()).isEqualTo("canceled");
        assertThat(events).extracting(EmulatorEvent::type)
                .containsExactly("customer.subscription.deleted", "subscription_schedule.canceled");
    }

    @Test
    void endBehaviorCancelCompletesTheScheduleAndCancelsTheSubscriptionAtTheLastPhasesEnd() throws StripeException {
        Subscription subscription = subscribe(10);
        SubscriptionSchedule schedule = fromSubscription(subscription);
        stripe.v1().subscriptionSchedules().update(schedule.getId(), SubscriptionScheduleUpdateParams.builder()
                .setEndBehavior(SubscriptionScheduleUpdateParams.EndBehavior.CANCEL).build());
        assertThatThrownBy(() -> stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setSubscription(subscription.getId()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("invoice_upcoming_none"));
        events.clear();

        emulator.clock().advance(Duration.ofDays(31));

        SubscriptionSchedule completed = stripe.v1().subscriptionSchedules().retrieve(schedule.getId());
        assertThat(completed.getStatus()).isEqualTo("completed");
        assertThat(completed.getCompletedAt()).isEqualTo(PERIOD_END);
        Subscription ended = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(ended.getStatus()).isEqualTo("canceled");
        assertThat(ended.getEndedAt()).isEqualTo(PERIOD_END);
        assertThat(events).extracting(EmulatorEvent::type)
                .containsExactly("subscription_schedule.completed", "customer.subscription.deleted");
    }

    @Test
    void anIdempotencyKeyReplaysTheCreateAndAFaultChangesNothing() throws StripeException {
        Subscription subscription = subscribe(10);
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("schedule-1").build();
        SubscriptionScheduleCreateParams params = SubscriptionScheduleCreateParams.builder()
                .setFromSubscription(subscription.getId()).build();

        SubscriptionSchedule first = stripe.v1().subscriptionSchedules().create(params, key);
        SubscriptionSchedule replayed = stripe.v1().subscriptionSchedules().create(params, key);

        assertThat(replayed.getId()).isEqualTo(first.getId());
        assertThat(replayed.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        emulator.faults().inject("POST /v1/subscription_schedules/*/release", FaultKind.HTTP_500, 1);
        assertThatThrownBy(() -> stripe.v1().subscriptionSchedules().release(first.getId()))
                .isInstanceOf(ApiException.class);
        assertThat(stripe.v1().subscriptionSchedules().retrieve(first.getId()).getStatus()).isEqualTo("active");
    }

    @Test
    void aRestartKeepsSchedulesAndTheClockStillMovesThem(@TempDir Path dataDir) throws StripeException {
        String subscription;
        String schedule;
        try (StripeEmulator kept = StripeEmulator.start(options().dataDir(dataDir).build())) {
            var client = client(kept);
            String owner = client.v1().customers().create(CustomerCreateParams.builder().build()).getId();
            PaymentMethods.attachAsDefault(client, owner, "pm_card_visa");
            subscription = client.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(owner)
                    .addItem(SubscriptionCreateParams.Item.builder().setPrice(LOCATIONS).setQuantity(10L).build())
                    .build()).getId();
            schedule = client.v1().subscriptionSchedules().create(SubscriptionScheduleCreateParams.builder()
                    .setFromSubscription(subscription).build()).getId();
            client.v1().subscriptionSchedules().update(schedule, SubscriptionScheduleUpdateParams.builder()
                    .addPhase(phase(10).setEndDate(PERIOD_END).build()).addPhase(phase(2).build()).build());
        }

        try (StripeEmulator restarted = StripeEmulator.start(options().dataDir(dataDir).build())) {
            var client = client(restarted);
            assertThat(client.v1().subscriptionSchedules().retrieve(schedule).getPhases()).hasSize(2);
            restarted.clock().advance(Duration.ofDays(31));
            assertThat(client.v1().subscriptions().retrieve(subscription).getItems().getData().get(0).getQuantity())
                    .isEqualTo(2L);
        }
    }

    private Subscription subscribe(long locations) throws StripeException {
        return stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(LOCATIONS).setQuantity(locations).build())
                .build());
    }

    private SubscriptionSchedule fromSubscription(Subscription subscription) throws StripeException {
        return stripe.v1().subscriptionSchedules().create(SubscriptionScheduleCreateParams.builder()
                .setFromSubscription(subscription.getId()).build());
    }

    private static Phase.Builder phase(long locations) {
        return Phase.builder().addItem(Phase.Item.builder().setPrice(LOCATIONS).setQuantity(locations).build());
    }

    private static void assertRefused(ThrowingCallable call, String param) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getParam()).isEqualTo(param);
        });
    }
}
