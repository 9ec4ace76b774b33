package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.Stripe;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.SubscriptionCreateParams;
import io.billingaccounts.stripe.emulator.webhooks.WebhookDelivery;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Events are stored like Stripe's and sent to the webhook endpoint signed as Stripe signs them. */
class WebhookTest extends EmulatorTest {

    static final String SECRET = "whsec_test_emulator_0123456789";

    private final WebhookReceiver receiver = WebhookReceiver.start();

    @Override
    protected EmulatorOptions.Builder options() {
        return super.options().webhookUrl(receiver.url()).webhookSecret(SECRET);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void sendsCustomerCreatedUpdatedAndDeletedInOrderSignedAsStripeSigns() throws Exception {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setName("Ann").setEmail("ann@example.com").build(),
                RequestOptions.builder().setIdempotencyKey("create-ann").build());
        Customer renamed = stripe.v1().customers().update(created.getId(),
                CustomerUpdateParams.builder().setName("Anne").build());
        stripe.v1().customers().delete(created.getId());

        List<WebhookReceiver.Received> requests = receiver.next(3);
        List<Event> events = requests.stream().map(WebhookTest::verified).toList();

        assertThat(events).extracting(Event::getType)
                .containsExactly("customer.created", "customer.updated", "customer.deleted");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.headers().getFirst("User-Agent")).isEqualTo("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
            assertThat(request.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        });
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getId()).startsWith("evt_");
            assertThat(event.getApiVersion()).isEqualTo(Stripe.API_VERSION);
            assertThat(event.getLivemode()).isFalse();
            assertThat(event.getPendingWebhooks()).isEqualTo(1);
            assertThat(event.getCreated()).isEqualTo(clock.instant().getEpochSecond());
        });

        Event createdEvent = events.get(0);
        assertThat(customerOf(createdEvent).getName()).isEqualTo("Ann");
        assertThat(createdEvent.getData().getPreviousAttributes()).isNull();
        assertThat(createdEvent.getRequest().getId()).isEqualTo(created.getLastResponse().requestId());
        assertThat(createdEvent.getRequest().getIdempotencyKey()).isEqualTo("create-ann");

        Event updatedEvent = events.get(1);
        assertThat(customerOf(updatedEvent).getName()).isEqualTo("Anne");
        assertThat(updatedEvent.getData().getPreviousAttributes()).containsExactlyEntriesOf(java.util.Map.of("name", "Ann"));
        assertThat(updatedEvent.getRequest().getId()).isEqualTo(renamed.getLastResponse().requestId());

        Customer deleted = customerOf(events.get(2));
        assertThat(deleted.getId()).isEqualTo(created.getId());
        assertThat(deleted.getName()).as("the whole customer as it was").isEqualTo("Anne");
        assertThat(deleted.getEmail()).isEqualTo("ann@example.com");
        assertThat(events.get(2).getData().getPreviousAttributes()).isNull();
    }

    @Test
    void anEventCanBeRetrievedAsItWasSent() throws StripeException {
        stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build());
        WebhookReceiver.Received sent = receiver.next();

        Event retrieved = stripe.v1().events().retrieve(sent.eventId());
        HttpResponse<String> raw = http.stripe("GET", "/v1/events/" + sent.eventId(), null);

        assertThat(retrieved.getType()).isEqualTo("customer.created");
        assertThat(RawHttp.json(raw)).isEqualTo(sent.json());
        assertThatThrownBy(() -> stripe.v1().events().retrieve("evt_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, missing -> {
                    assertThat(missing.getStatusCode()).isEqualTo(404);
                    assertThat(missing.getMessage()).contains("No such event: 'evt_missing'");
                });
    }

    @Test
    void aWrongSecretOrAnAlteredPayloadIsRejected() throws StripeException {
        stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build());
        WebhookReceiver.Received sent = receiver.next();

        assertThatThrownBy(() -> Webhook.constructEvent(sent.payload(), sent.signature(), "whsec_wrong"))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.constructEvent(sent.payload().replace("Ann", "Bob"), sent.signature(), SECRET))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void subscriptionChangesAreSentToo() throws Exception {
        String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        String subscription = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_a").build()).build()).getId();
        stripe.v1().customers().delete(customer);

        List<Event> events = receiver.next(5).stream().map(WebhookTest::verified).toList();

        assertThat(events).extracting(Event::getType).containsExactly("customer.created",
                "customer.subscription.created", "customer.updated", "customer.deleted", "customer.subscription.deleted");
        Subscription canceled = (Subscription) events.get(4).getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(canceled.getId()).isEqualTo(subscription);
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(events.get(2).getData().getPreviousAttributes()).containsEntry("currency", null);
        assertThat(events.get(4).getRequest().getId()).isEqualTo(events.get(3).getRequest().getId());
    }

    @Test
    void aFailedDeliveryIsRetriedUntilTheEndpointAnswers2xx() throws Exception {
        receiver.answerNext(500, 500);

        stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build());

        List<WebhookReceiver.Received> attempts = receiver.next(3);
        assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(WebhookReceiver.Received::eventId).containsOnly(attempts.get(0).eventId());
        attempts.forEach(WebhookTest::verified);
        JsonNode delivery = awaitDeliveries(list -> list.get(0).get("delivered").asBoolean()).get(0);
        assertThat(delivery.get("event_id").asString()).isEqualTo(attempts.get(0).eventId());
        assertThat(delivery.get("type").asString()).isEqualTo("customer.created");
        assertThat(delivery.get("status").asString()).isEqualTo("delivered");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("http_status").asInt()).isEqualTo(200);
    }

    @Test
    void aResendDeliversAStoredEventAgainFreshlySigned() throws Exception {
        String id = newCustomer();
        stripe.v1().customers().update(id, CustomerUpdateParams.builder().setName("Anne").build());
        List<WebhookReceiver.Received> first = receiver.next(2);

        HttpResponse<String> resent = http.control("POST", "/_emulator/webhooks/resend",
                "{\"event_id\": \"" + first.get(0).eventId() + "\"}");

        assertThat(resent.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(resent).get("resend").asBoolean()).isTrue();
        WebhookReceiver.Received again = receiver.next();
        assertThat(verified(again).getType()).isEqualTo("customer.created");
        assertThat(again.payload()).isEqualTo(first.get(0).payload());
        JsonNode deliveries = awaitDeliveries(list -> list.size() == 3 && list.get(2).get("delivered").asBoolean());
        assertThat(deliveries).extracting(delivery -> delivery.get("type").asString())
                .containsExactly("customer.created", "customer.updated", "customer.created");
        assertThat(deliveries).extracting(delivery -> delivery.get("resend").asBoolean()).containsExactly(false, false, true);
        assertThat(http.control("POST", "/_emulator/webhooks/resend", "{\"event_id\": \"evt_missing\"}").statusCode())
                .isEqualTo(404);
        assertThat(http.control("POST", "/_emulator/webhooks/resend", "{}").statusCode()).isEqualTo(400);
    }

    /** How a test has webhooks arrive as Stripe may send them: some twice, some before earlier ones. */
    @Test
    void webhooksCanBeDuplicatedAndShuffledAtStart() throws Exception {
        try (WebhookReceiver unruly = WebhookReceiver.start();
                StripeEmulator shuffling = StripeEmulator.start(EmulatorOptions.builder().port(0).clock(clock)
                        .webhookUrl(unruly.url()).webhookSecret(SECRET)
                        .webhookDuplicates(0.5).webhookShuffle(Duration.ofMillis(300)).webhookSeed(7).build())) {
            for (String name : List.of("Ann", "Bob", "Cy", "Di", "Ed", "Flo")) {
                client(shuffling).v1().customers().create(CustomerCreateParams.builder().setName(name).build());
            }
            List<String> sent = shuffling.webhooks().deliveries().stream()
                    .map(WebhookDelivery::eventId).toList();
            long duplicates = shuffling.webhooks().deliveries().stream()
                    .filter(WebhookDelivery::duplicate).count();

            List<Event> arrived = unruly.next(sent.size()).stream().map(WebhookTest::verified).toList();

            assertThat(duplicates).as("drawn with seed 7").isPositive();
            assertThat(arrived).extracting(Event::getId).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(arrived).extracting(Event::getId).as("shuffled").isNotEqualTo(sent);
            unruly.assertNothingArrivesWithin(Duration.ofMillis(400));
        }
    }

    @Test
    void theControlApiSetsHowLaterWebhooksAreRetriedDuplicatedAndShuffled() throws Exception {
        JsonNode defaults = RawHttp.json(http.control("GET", "/_emulator/webhooks/settings", null));
        assertThat(defaults.get("retry_schedule").asString()).isEqualTo("0.2s,1s,3s,10s,30s,60s");
        assertThat(defaults.get("duplicate_probability").asDouble()).isZero();
        assertThat(defaults.get("shuffle_ms").asLong()).isZero();

        HttpResponse<String> set = http.control("POST", "/_emulator/webhooks/settings",
                "{\"retry_schedule\": \"50ms\", \"duplicate_probability\": 1, \"seed\": 3}");
        assertThat(RawHttp.json(set).get("retry_schedule").asString()).isEqualTo("0.05s");
        assertThat(RawHttp.json(set).get("duplicate_probability").asDouble()).isEqualTo(1.0);
        receiver.answerNext(500, 500, 500, 500);
        stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build());

        assertThat(receiver.next(4)).extracting(WebhookReceiver.Received::answered).containsOnly(500);
        JsonNode deliveries = awaitDeliveries(list -> list.size() == 2
                && list.stream().allMatch(delivery -> delivery.get("status").asString().equals("failed")));
        assertThat(deliveries).extracting(delivery -> delivery.get("duplicate").asBoolean()).containsExactly(false, true);
        assertThat(deliveries).extracting(delivery -> delivery.get("attempts").asInt()).containsExactly(2, 2);
        assertThat(http.control("POST", "/_emulator/webhooks/settings", "{\"duplicate_probability\": 1.5}").statusCode())
                .isEqualTo(400);
        assertThat(http.control("POST", "/_emulator/webhooks/settings", "{\"retry_schedule\": \"soon\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aResetForgetsEventsAndDeliveries() throws StripeException {
        stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build());
        String eventId = receiver.next().eventId();

        http.control("DELETE", "/_emulator/data", null);

        assertThat(http.stripe("GET", "/v1/events/" + eventId, null).statusCode()).isEqualTo(404);
        assertThat(RawHttp.json(http.control("GET", "/_emulator/webhooks", null)).get("data")).isEmpty();
    }

    @Test
    void withoutAWebhookUrlNothingIsSent() throws Exception {
        try (StripeEmulator quiet = StripeEmulator.start(EmulatorOptions.builder().port(0).clock(clock).build())) {
            RawHttp quietHttp = new RawHttp(quiet.baseUrl());
            client(quiet).v1().customers().create(CustomerCreateParams.builder().setName("Ann").build());

            receiver.assertNothingArrivesWithin(Duration.ofMillis(300));
            JsonNode webhooks = RawHttp.json(quietHttp.control("GET", "/_emulator/webhooks", null));
            assertThat(webhooks.get("url").isNull()).isTrue();
            assertThat(webhooks.get("data")).isEmpty();
            assertThat(quietHttp.control("POST", "/_emulator/webhooks/resend", "{\"event_id\": \"evt_x\"}").statusCode())
                    .isEqualTo(409);

            quiet.webhooks().setEndpoint(receiver.url(), SECRET);
            client(quiet).v1().customers().create(CustomerCreateParams.builder().setName("Bob").build());

            Event later = verified(receiver.next());
            assertThat(customerOf(later).getName()).isEqualTo("Bob");
        }
    }

    /** What the server's endpoint does: check the signature, then read the event. */
    @Test
    void paymentMethodAndInvoiceEventsAreSentSignedAndReadAsTheirObjects() throws Exception {
        String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        String card = PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        String subscription = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_users_monthly_eur").setQuantity(4L).build())
                .build()).getId();

        List<Event> events = receiver.next(11).stream().map(WebhookTest::verified).toList();

        assertThat(events).extracting(Event::getType).containsExactly("customer.created", "setup_intent.created",
                "payment_method.attached", "setup_intent.succeeded", "customer.updated", "customer.subscription.created",
                "customer.updated", "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded");
        PaymentMethod attached = (PaymentMethod) events.get(2).getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(attached.getId()).isEqualTo(card);
        assertThat(attached.getCustomer()).isEqualTo(customer);
        SetupIntent succeeded = (SetupIntent) events.get(3).getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(succeeded.getStatus()).isEqualTo("succeeded");
        Invoice paid = (Invoice) events.get(9).getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(paid.getStatus()).isEqualTo("paid");
        assertThat(paid.getAmountPaid()).isEqualTo(2000);
        assertThat(paid.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(subscription);
    }

    static Event verified(WebhookReceiver.Received request) {
        try {
            return Webhook.constructEvent(request.payload(), request.signature(), SECRET);
        } catch (SignatureVerificationException e) {
            throw new AssertionError("signature refused: " + request.signature(), e);
        }
    }

    /** stripe-java reads an event's data as it is only in its own API version, which the emulator's events carry. */
    static Customer customerOf(Event event) {
        return (Customer) event.getDataObjectDeserializer().getObject().orElseThrow();
    }

    /** The deliveries once they fit, polled: the endpoint gets a request before its answer is noted. */
    private JsonNode awaitDeliveries(Predicate<List<JsonNode>> done) {
        return await("deliveries that fit").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> RawHttp.json(http.control("GET", "/_emulator/webhooks", null)).get("data"), data -> {
                    List<JsonNode> list = data.valueStream().toList();
                    return !list.isEmpty() && done.test(list);
                });
    }
}
