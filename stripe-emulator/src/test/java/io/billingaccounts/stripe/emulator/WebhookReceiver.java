package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billingaccounts.stripe.emulator.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A webhook endpoint for tests on a free loopback port: keeps every POST it gets, in arrival order,
 * and answers 200, or the statuses it was told to answer next.
 */
public final class WebhookReceiver implements AutoCloseable {

    public static final String PATH = "/stripe/webhooks";

    /** One request as it arrived, with the status it was answered. */
    public record Received(String payload, Headers headers, int answered) {

        public String signature() {
            return headers.getFirst("Stripe-Signature");
        }

        public JsonNode json() {
            return Json.parse(payload);
        }

        public String eventId() {
            return json().get("id").asString();
        }

        public String type() {
            return json().get("type").asString();
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Deque<Integer> nextStatuses = new ConcurrentLinkedDeque<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext(PATH, receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The next requests are answered these statuses, one each; then 200 again. */
    public void answerNext(int... statuses) {
        for (int status : statuses) {
            nextStatuses.addLast(status);
        }
    }

    /** The next request, waiting up to 10 s for it. */
    public Received next() {
        try {
            Received next = received.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a webhook within 10 s").isNotNull();
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Received> next(int count) {
        List<Received> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(next());
        }
        return requests;
    }

    /** Fails if a request arrives within the wait. */
    public void assertNothingArrivesWithin(Duration wait) throws InterruptedException {
        assertThat(received.poll(wait.toMillis(), TimeUnit.MILLISECONDS)).as("an unexpected webhook").isNull();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer scripted = nextStatuses.pollFirst();
            int status = scripted == null ? 200 : scripted;
            Headers headers = new Headers();
            headers.putAll(exchange.getRequestHeaders());
            byte[] body = (status / 100 == 2 ? "{\"received\": true}" : "{\"error\": \"scripted\"}")
                    .getBytes(StandardCharsets.UTF_8);
            received.add(new Received(payload, headers, status));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
