package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Refund;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionSearchParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;

/** With a data directory every answered write survives a restart; see also {@link KillRecoveryIT}. */
class PersistenceTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void aRestartKeepsCustomersSubscriptionsDeletionsAndIdempotencyKeys() throws StripeException {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("create-ann").build();
        String ann;
        String bob;
        String gone;
        String subscription;
        try (StripeEmulator emulator = start()) {
            StripeClient stripe = EmulatorTest.client(emulator);
            ann = stripe.v1().customers().create(CustomerCreateParams.builder()
                    .setName("Ann").putMetadata("workspace_id", "ws_1").build(), key).getId();
            stripe.v1().customers().update(ann, CustomerUpdateParams.builder()
                    .setEmail("ann@example.com").putMetadata("workspace_id", "").build());
            bob = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Bob").build()).getId();
            gone = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
            subscription = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(gone)
                    .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_a").build()).build()).getId();
            stripe.v1().customers().delete(gone);
        }

        try (StripeEmulator emulator = start()) {
            StripeClient stripe = EmulatorTest.client(emulator);
            Customer restored = stripe.v1().customers().retrieve(ann);
            assertThat(restored.getEmail()).isEqualTo("ann@example.com");
            assertThat(restored.getMetadata()).isEmpty();
            assertThat(stripe.v1().customers().retrieve(gone).getDeleted()).isTrue();
            assertThat(stripe.v1().customers().list(CustomerListParams.builder().build()).getData())
                    .extracting(Customer::getId).containsExactly(bob, ann);
            assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder()
                    .setStatus(SubscriptionListParams.Status.ALL).build()).getData())
                    .extracting(Subscription::getId, Subscription::getStatus)
                    .containsExactly(tuple(subscription, "canceled"));

            Customer replayed = stripe.v1().customers().create(CustomerCreateParams.builder()
                    .setName("Ann").putMetadata("workspace_id", "ws_1").build(), key);
            assertThat(replayed.getId()).isEqualTo(ann);
            assertThat(replayed.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        }
    }

    /** What the billing side of the account holds before a restart. */
    private record Billing(String customer, String kept, String detached, String subscription) {

        static Billing madeWith(StripeClient stripe) throws StripeException {
            String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
            String kept = PaymentMethods.attachAsDefault(stripe, customer, "pm_card_mastercard");
            String detached = PaymentMethods.attach(stripe, customer, "pm_card_visa").getId();
            stripe.v1().paymentMethods().detach(detached);
            String subscription = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                    .setCustomer(customer)
                    .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_locations_monthly_gbp")
                            .setQuantity(3L).build())
                    .putMetadata("billing_create_intent", "intent-1").build()).getId();
            return new Billing(customer, kept, detached, subscription);
        }
    }

    @Test
    void aRestartKeepsPaymentMethodsSetupIntentsInvoicesAndTheCatalogOnce() throws StripeException {
        Billing before;
        try (StripeEmulator emulator = start()) {
            before = Billing.madeWith(EmulatorTest.client(emulator));
        }

        try (StripeEmulator emulator = start()) {
            StripeClient stripe = EmulatorTest.client(emulator);
            assertThat(stripe.v1().customers().retrieve(before.customer()).getInvoiceSettings().getDefaultPaymentMethod())
                    .isEqualTo(before.kept());
            assertThat(stripe.v1().paymentMethods().retrieve(before.kept()).getCard().getLast4()).isEqualTo("4444");
            assertThat(stripe.v1().paymentMethods().retrieve(before.detached()).getCustomer()).isNull();
            assertThat(stripe.v1().customers().paymentMethods().list(before.customer()).getData())
                    .extracting(PaymentMethod::getId).containsExactly(before.kept());
            Subscription restored = stripe.v1().subscriptions().retrieve(before.subscription());
            assertThat(restored.getStatus()).isEqualTo("active");
            assertThat(stripe.v1().invoices().retrieve(restored.getLatestInvoice()).getAmountPaid()).isEqualTo(3000);
            assertThat(stripe.v1().subscriptions().search(SubscriptionSearchParams.builder()
                    .setQuery("metadata['billing_create_intent']:'intent-1'").build()).getData())
                    .extracting(Subscription::getId).containsExactly(before.subscription());
            assertThat(stripe.v1().prices().list(PriceListParams.builder().setLimit(100L).build()).getData()).hasSize(15);
        }
    }

    @Test
    void aRestartKeepsPaymentIntentsTheirInvoicePaymentsAndRefunds() throws StripeException {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("refund-1").build();
        String intent;
        Refund refund;
        try (StripeEmulator emulator = start()) {
            StripeClient stripe = EmulatorTest.client(emulator);
            String invoice = stripe.v1().subscriptions().retrieve(Billing.madeWith(stripe).subscription()).getLatestInvoice();
            intent = stripe.v1().invoicePayments().list(InvoicePaymentListParams.builder().setInvoice(invoice).build())
                    .getData().get(0).getPayment().getPaymentIntent();
            refund = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent)
                    .setAmount(1000L).build(), key);
        }

        try (StripeEmulator emulator = start()) {
            StripeClient stripe = EmulatorTest.client(emulator);
            assertThat(stripe.v1().paymentIntents().retrieve(intent).getAmountReceived()).isEqualTo(3000);
            assertThat(stripe.v1().refunds().retrieve(refund.getId()).getAmount()).isEqualTo(1000);
            assertThat(stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent)
                    .setAmount(1000L).build(), key).getId()).isEqualTo(refund.getId());
            assertThat(stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent).build())
                    .getAmount()).as("what the first refund left").isEqualTo(2000);
        }
    }

    @Test
    void aTornLastRecordIsDroppedAndReported() throws Exception {
        String kept;
        try (StripeEmulator emulator = start()) {
            kept = EmulatorTest.client(emulator).v1().customers().create(CustomerCreateParams.builder().build()).getId();
        }
        Files.writeString(dataDir.resolve("wal.jsonl"), "{\"changes\":[{\"op\":\"put_cus",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String added;
        List<LogRecord> logged;
        try (CapturedLog walLog = new CapturedLog("io.billingaccounts.stripe.emulator.store.WriteAheadLog");
                StripeEmulator emulator = start()) {
            StripeClient stripe = EmulatorTest.client(emulator);
            assertThat(stripe.v1().customers().retrieve(kept).getId()).isEqualTo(kept);
            added = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
            logged = walLog.records();
        }

        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("torn");
        });
        try (StripeEmulator emulator = start()) {
            assertThat(EmulatorTest.client(emulator).v1().customers().list().getData())
                    .extracting(Customer::getId).containsExactly(added, kept);
        }
    }

    @Test
    void aDamagedRecordWithRecordsAfterItStopsTheStart() throws IOException {
        try (StripeEmulator emulator = start()) {
            new RawHttp(emulator.baseUrl()).stripe("POST", "/v1/customers", "name=Ann");
        }
        Path log = dataDir.resolve("wal.jsonl");
        String whole = Files.readString(log);
        Files.writeString(log, "{\"changes\":[{\"op\":\"put_cus\n" + whole);

        assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("corrupt record at line 1");
    }

    @Test
    void theStartCompactsTheLogIntoASnapshot() throws IOException {
        try (StripeEmulator emulator = start()) {
            new RawHttp(emulator.baseUrl()).stripe("POST", "/v1/customers", "name=Ann");
        }
        assertThat(Files.size(dataDir.resolve("wal.jsonl"))).isPositive();

        try (StripeEmulator emulator = start()) {
            assertThat(Files.size(dataDir.resolve("wal.jsonl"))).isZero();
            assertThat(Files.readString(dataDir.resolve("snapshot.jsonl"))).contains("\"name\":\"Ann\"");
        }
        try (StripeEmulator emulator = start()) {
            assertThat(RawHttp.json(new RawHttp(emulator.baseUrl()).stripe("GET", "/v1/customers", null))
                    .at("/data/0/name").asString()).isEqualTo("Ann");
        }
    }

    @Test
    void aLogReplayedOverTheSnapshotThatAlreadyHoldsItChangesNothing() throws Exception {
        List<String> ids;
        try (StripeEmulator emulator = start()) {
            StripeClient stripe = EmulatorTest.client(emulator);
            String first = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build()).getId();
            String second = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
            stripe.v1().customers().update(first, CustomerUpdateParams.builder().setName("Anne").build());
            ids = List.of(second, first);
        }
        byte[] logBeforeCompaction = Files.readAllBytes(dataDir.resolve("wal.jsonl"));
        start().close();
        // As if the process died after writing the snapshot but before emptying the log.
        Files.write(dataDir.resolve("wal.jsonl"), logBeforeCompaction);

        try (StripeEmulator emulator = start()) {
            StripeClient stripe = EmulatorTest.client(emulator);
            assertThat(stripe.v1().customers().list().getData()).extracting(Customer::getId).isEqualTo(ids);
            assertThat(stripe.v1().customers().retrieve(ids.get(1)).getName()).isEqualTo("Anne");
        }
    }

    @Test
    void aWipeIsDurableToo() {
        try (StripeEmulator emulator = start()) {
            RawHttp http = new RawHttp(emulator.baseUrl());
            http.stripe("POST", "/v1/customers", "name=Ann");
            http.control("DELETE", "/_emulator/data", null);
        }

        try (StripeEmulator emulator = start()) {
            assertThat(RawHttp.json(new RawHttp(emulator.baseUrl()).stripe("GET", "/v1/customers", null)).get("data")).isEmpty();
        }
    }

    @Test
    void oneDataDirectoryServesOneEmulatorAtATime() {
        try (StripeEmulator emulator = start()) {
            assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
        }
        start().close();
    }

    @Test
    void fsyncModeKeepsDataToo() throws StripeException {
        String id;
        try (StripeEmulator emulator = StripeEmulator.start(EmulatorOptions.builder().dataDir(dataDir).fsync(true).build())) {
            id = EmulatorTest.client(emulator).v1().customers().create(
                    CustomerCreateParams.builder().setMetadata(Map.of("k", "v")).build()).getId();
        }

        try (StripeEmulator emulator = start()) {
            assertThat(EmulatorTest.client(emulator).v1().customers().retrieve(id).getMetadata()).containsEntry("k", "v");
        }
    }

    @Test
    void aRestartKeepsTheEventsAndAResetForgetsThem() throws StripeException {
        String eventId;
        try (WebhookReceiver receiver = WebhookReceiver.start();
                StripeEmulator emulator = StripeEmulator.start(EmulatorOptions.builder().dataDir(dataDir).clock(clock)
                        .webhookUrl(receiver.url()).webhookSecret(WebhookTest.SECRET).build())) {
            EmulatorTest.client(emulator).v1().customers().create(CustomerCreateParams.builder().setName("Ann").build());
            eventId = receiver.next().eventId();
        }

        for (int restart = 0; restart < 2; restart++) {
            try (StripeEmulator emulator = start()) {
                Event event = EmulatorTest.client(emulator).v1().events().retrieve(eventId);
                assertThat(event.getType()).isEqualTo("customer.created");
                assertThat(((Customer) event.getDataObjectDeserializer().deserializeUnsafe()).getName()).isEqualTo("Ann");
            }
        }
        try (StripeEmulator emulator = start()) {
            emulator.reset();
        }
        try (StripeEmulator emulator = start()) {
            assertThatThrownBy(() -> EmulatorTest.client(emulator).v1().events().retrieve(eventId))
                    .hasMessageContaining("No such event");
        }
    }

    @Test
    void aRestartKeepsTheAdvancedClockAndWhatRan() throws StripeException {
        String subscription;
        try (StripeEmulator emulator = start()) {
            StripeClient stripe = EmulatorTest.client(emulator);
            String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
            subscription = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                    .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_users_monthly_usd").build())
                    .setTrialPeriodDays(7L).build()).getId();
            emulator.clock().advance(Duration.ofDays(10));
        }

        clock.add(Duration.ofMinutes(5));
        try (StripeEmulator emulator = start()) {
            Instant expected = Instant.parse("2026-01-25T10:05:00Z");
            assertThat(emulator.clock().now()).isEqualTo(expected);
            assertThat(RawHttp.json(new RawHttp(emulator.baseUrl()).control("GET", "/_emulator/clock", null))
                    .get("now").asLong()).isEqualTo(expected.getEpochSecond());
            StripeClient stripe = EmulatorTest.client(emulator);
            assertThat(stripe.v1().subscriptions().retrieve(subscription).getStatus()).isEqualTo("past_due");
            assertThat(stripe.v1().customers().create(CustomerCreateParams.builder().build()).getCreated())
                    .isEqualTo(expected.getEpochSecond());
            assertThat(emulator.clock().advance(Duration.ofDays(1)).ran())
                    .as("the trial, ended before the restart, does not end again").isEmpty();
        }
        try (StripeEmulator emulator = start()) {
            assertThat(emulator.clock().now()).as("the compacted snapshot keeps it too")
                    .isEqualTo(Instant.parse("2026-01-26T10:05:00Z"));
        }
    }

    private StripeEmulator start() {
        return StripeEmulator.start(EmulatorOptions.builder().dataDir(dataDir).clock(clock).build());
    }
}
