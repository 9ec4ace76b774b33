package io.billingaccounts.stripe.emulator.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.net.Webhook;
import io.billingaccounts.stripe.emulator.CapturedLog;
import io.billingaccounts.stripe.emulator.WebhookReceiver;
import io.billingaccounts.stripe.emulator.support.Json;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class WebhookDelivererTest {

    private static final String SECRET = "whsec_unit";
    private static final WebhookSettings QUICK_RETRIES =
            WebhookSettings.DEFAULT.withRetrySchedule(List.of(Duration.ofMillis(10), Duration.ofMillis(20)));

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final ObjectNode event = event("evt_1");
    private final CapturedLog log = new CapturedLog(WebhookDeliverer.class.getName());

    @AfterEach
    void stop() {
        receiver.close();
        log.close();
    }

    @Test
    void signsTheBodyAsSentWithTheSigningClocksTime() throws Exception {
        Instant signedAt = Instant.parse("2026-03-01T12:00:00Z");
        try (WebhookDeliverer deliverer = deliverer(receiver.url(), Clock.fixed(signedAt, ZoneOffset.UTC))) {
            deliverer.send(List.of(event));

            WebhookReceiver.Received sent = receiver.next();

            long t = signedAt.getEpochSecond();
            assertThat(sent.signature())
                    .isEqualTo("t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(SECRET, t + "." + sent.payload()));
            assertThat(sent.payload()).isEqualTo(new String(Json.prettyBytes(event), StandardCharsets.UTF_8));
            assertThat(Webhook.Signature.verifyHeader(sent.payload(), sent.signature(), SECRET, 300,
                    Clock.fixed(signedAt.plusSeconds(60), ZoneOffset.UTC))).isTrue();
        }
    }

    @Test
    void givesUpAfterTheLastRetryAndSaysSo() throws Exception {
        receiver.answerNext(503, 500, 502);
        try (WebhookDeliverer deliverer = deliverer(receiver.url(), Clock.systemUTC())) {
            deliverer.send(List.of(event));

            assertThat(receiver.next(3)).extracting(WebhookReceiver.Received::answered).containsExactly(503, 500, 502);
            WebhookDelivery failed = await(deliverer, delivery -> delivery.state() == WebhookDelivery.State.FAILED);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.httpStatus()).isEqualTo(502);
            assertThat(failed.delivered()).isFalse();
            assertThat(log.records()).anySatisfy(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).contains("given up");
            });
            receiver.assertNothingArrivesWithin(Duration.ofMillis(100));
        }
    }

    @Test
    void anEndpointThatDoesNotAnswerIsAFailedAttempt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (WebhookDeliverer deliverer = deliverer("http://127.0.0.1:" + closedPort + "/hooks", Clock.systemUTC())) {
            deliverer.send(List.of(event));

            WebhookDelivery failed = await(deliverer, delivery -> delivery.state() == WebhookDelivery.State.FAILED);
            assertThat(failed.httpStatus()).isNull();
            assertThat(failed.lastError()).contains("ConnectException");
        }
    }

    @Test
    void closeDropsWhatIsNotDelivered() throws Exception {
        receiver.answerNext(500);
        WebhookDeliverer deliverer = new WebhookDeliverer(receiver.url(), SECRET, id -> null,
                WebhookSettings.DEFAULT.withRetrySchedule(List.of(Duration.ofMillis(500))), null, Duration.ofSeconds(5),
                Clock.systemUTC());
        deliverer.send(List.of(event));
        receiver.next();
        await(deliverer, delivery -> delivery.state() == WebhookDelivery.State.RETRYING);

        deliverer.close();

        assertThat(deliverer.deliveries()).isEmpty();
        receiver.assertNothingArrivesWithin(Duration.ofMillis(700));
    }

    @Test
    void anEventDrawnToBeSentTwiceIsASecondDeliveryFreshlySigned() throws Exception {
        try (WebhookDeliverer deliverer = new WebhookDeliverer(receiver.url(), SECRET, id -> null,
                QUICK_RETRIES.withDuplicateProbability(1), 1L, Duration.ofSeconds(5), Clock.systemUTC())) {
            deliverer.send(List.of(event));

            List<WebhookReceiver.Received> sent = receiver.next(2);

            assertThat(sent).extracting(WebhookReceiver.Received::eventId).containsExactly("evt_1", "evt_1");
            assertThat(sent.get(1).payload()).isEqualTo(sent.get(0).payload());
            for (WebhookReceiver.Received each : sent) {
                assertThat(Webhook.constructEvent(each.payload(), each.signature(), SECRET).getId()).isEqualTo("evt_1");
            }
            assertThat(deliverer.deliveries()).extracting(WebhookDelivery::duplicate).containsExactly(false, true);
            receiver.assertNothingArrivesWithin(Duration.ofMillis(100));
        }
    }

    @Test
    void aShuffleLetsLaterEventsOvertakeAndTheSameSeedRepeatsTheDraws() {
        List<ObjectNode> events = IntStream.range(0, 10).mapToObj(i -> event("evt_" + i)).toList();
        List<String> sent = events.stream().map(e -> e.get("id").asString()).toList();
        WebhookSettings shuffled = QUICK_RETRIES.withShuffleWindow(Duration.ofMillis(500))
                .withDuplicateProbability(0.5);

        List<String> first = arrivalOrder(events, shuffled, 42);
        List<String> again = arrivalOrder(events, shuffled, 42);

        assertThat(first).containsAll(sent);
        assertThat(first.stream().distinct().toList()).as("not in send order").isNotEqualTo(sent);
        // The order two close holds arrive in is the scheduler's; which events come twice is the seed's alone.
        assertThat(twice(again)).isEqualTo(twice(first)).isNotEmpty();
    }

    private static java.util.Set<String> twice(List<String> arrivals) {
        return arrivals.stream().filter(id -> java.util.Collections.frequency(arrivals, id) == 2)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void settingsChangeLaterDeliveries() throws Exception {
        receiver.answerNext(500);
        try (WebhookDeliverer deliverer = deliverer(receiver.url(), Clock.systemUTC())) {
            deliverer.setSettings(deliverer.settings().withRetrySchedule(List.of()));
            deliverer.send(List.of(event));

            assertThat(receiver.next().answered()).isEqualTo(500);
            WebhookDelivery failed = await(deliverer, delivery -> delivery.state() == WebhookDelivery.State.FAILED);
            assertThat(failed.attempts()).as("no retries").isEqualTo(1);
        }
    }

    @Test
    void sendsNothingWithoutAnEndpointAndRefusesABadOne() {
        try (WebhookDeliverer deliverer = deliverer(null, Clock.systemUTC())) {
            deliverer.send(List.of(event));

            assertThat(deliverer.deliveries()).isEmpty();
            assertThat(deliverer.endpointCount()).isZero();
            assertThatThrownBy(() -> deliverer.resend("evt_1")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> deliverer.setEndpoint("ftp://example.com/x", SECRET))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> deliverer.setEndpoint("http://127.0.0.1/x", ""))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private List<String> arrivalOrder(List<ObjectNode> events, WebhookSettings settings, long seed) {
        try (WebhookDeliverer deliverer = new WebhookDeliverer(receiver.url(), SECRET, id -> null, settings, seed,
                Duration.ofSeconds(5), Clock.systemUTC())) {
            deliverer.send(events);
            Awaitility.await("every delivery, duplicates included").atMost(Duration.ofSeconds(10))
                    .until(() -> deliverer.deliveries().stream()
                            .allMatch(d -> d.state() == WebhookDelivery.State.DELIVERED));
            return receiver.next(deliverer.deliveries().size()).stream().map(WebhookReceiver.Received::eventId)
                    .toList();
        }
    }

    private WebhookDeliverer deliverer(String url, Clock signingClock) {
        Map<String, ObjectNode> stored = Map.of("evt_1", event);
        return new WebhookDeliverer(url, url == null ? null : SECRET, stored::get, QUICK_RETRIES, null,
                Duration.ofSeconds(5), signingClock);
    }

    private static WebhookDelivery await(WebhookDeliverer deliverer, Predicate<WebhookDelivery> done) {
        return Awaitility.await("the first delivery to come to that")
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> deliverer.deliveries().stream().findFirst(), first -> first.filter(done).isPresent())
                .orElseThrow();
    }

    private static ObjectNode event(String id) {
        ObjectNode event = Json.object().put("id", id).put("object", "event").put("type", "customer.created");
        event.putObject("data").putObject("object").put("id", "cus_1").put("object", "customer").put("name", "Zoë");
        return event;
    }
}
