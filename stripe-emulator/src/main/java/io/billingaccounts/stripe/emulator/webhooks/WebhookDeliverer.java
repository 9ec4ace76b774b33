package io.billingaccounts.stripe.emulator.webhooks;

import io.billingaccounts.stripe.emulator.support.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends events to the webhook endpoint the way Stripe does: an HTTP POST of the event's JSON, signed
 * in {@code Stripe-Signature} (see {@link WebhookSignature}), from one background thread, so that an
 * API request never waits for its webhooks. First attempts leave in the order of the commits that
 * made the events (with a concurrency of 1; more threads send them as Stripe does, concurrently and in no promised
 * order). A failed attempt (no 2xx answer, or no answer at all) is tried again on the {@link WebhookSettings}'
 * retry schedule, without holding back later events meanwhile (as on Stripe, a retried event
 * may arrive after newer ones); after the last retry the delivery is given up and logged.
 *
 * <p>As Stripe promises only "at least once" and no order, the settings can also have an event delivered twice now
 * and then, and hold each event's deliveries a random while, so that later events overtake earlier ones. Those
 * draws are made as events are sent, in commit order, from one random source: with a seed, the same requests
 * duplicate the same events and hold them the same times.
 *
 * <p>Each attempt is signed anew with the real time, not the emulated account's clock: receivers
 * check the timestamp against their own clock.
 */
public final class WebhookDeliverer implements AutoCloseable {

    /** How many deliveries {@link #deliveries()} remembers; the oldest are forgotten first. */
    public static final int MAX_KEPT_DELIVERIES = 10_000;
    static final String USER_AGENT = "Stripe/1.0 (+https://stripe.com/docs/webhooks)";
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(WebhookDeliverer.class.getName());

    private record Endpoint(URI url, String secret) {
    }

    private final Function<String, ObjectNode> storedEvents;
    private final Duration attemptTimeout;
    private final Clock signingClock;
    private final ScheduledThreadPoolExecutor executor;
    /** Guarded by itself; in send order. */
    private final Deque<Delivery> deliveries = new ArrayDeque<>();
    private volatile Endpoint endpoint;
    private volatile WebhookSettings settings;
    /** Draws which events are duplicated and how long deliveries are held. */
    private volatile Random random;
    /** Made on the first attempt. */
    private HttpClient client;

    /**
     * @param url the endpoint, or null for no webhooks
     * @param secret its signing secret; required with a URL
     * @param storedEvents finds an event by id, for resends; null when there is none
     * @param concurrency how many deliveries may be under way at once
     * @param seed seeds the draws of duplicates and holds; null for a random seed
     */
    public WebhookDeliverer(String url, String secret, Function<String, ObjectNode> storedEvents, int concurrency,
            WebhookSettings settings, Long seed) {
        this(url, secret, storedEvents, settings, seed, ATTEMPT_TIMEOUT, Clock.systemUTC(), concurrency);
    }

    WebhookDeliverer(String url, String secret, Function<String, ObjectNode> storedEvents, WebhookSettings settings,
            Long seed, Duration attemptTimeout, Clock signingClock) {
        this(url, secret, storedEvents, settings, seed, attemptTimeout, signingClock, 1);
    }

    private WebhookDeliverer(String url, String secret, Function<String, ObjectNode> storedEvents,
            WebhookSettings settings, Long seed, Duration attemptTimeout, Clock signingClock, int concurrency) {
        this.storedEvents = storedEvents;
        this.settings = settings;
        this.random = seed == null ? new Random() : new Random(seed);
        this.attemptTimeout = attemptTimeout;
        this.signingClock = signingClock;
        this.endpoint = endpoint(url, secret);
        this.executor = new ScheduledThreadPoolExecutor(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "stripe-emulator-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * @throws IllegalArgumentException unless the URL is null, or an absolute http(s) URL with a
     *     non-empty secret
     */
    public static void checkEndpoint(String url, String secret) {
        endpoint(url, secret);
    }

    /**
     * Sends the events of later changes to this endpoint (null: to none); deliveries under way keep
     * theirs.
     */
    public void setEndpoint(String url, String secret) {
        endpoint = endpoint(url, secret);
    }

    /** The endpoint's URL, or null when webhooks are off. */
    public String url() {
        Endpoint current = endpoint;
        return current == null ? null : current.url().toString();
    }

    public WebhookSettings settings() {
        return settings;
    }

    /**
     * Retries, duplicates and holds later events by these settings; deliveries under way keep the holds they were
     * given, and retry on the new schedule.
     */
    public void setSettings(WebhookSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Starts the draws of duplicates and holds over from this seed, to repeat them. */
    public void reseed(long seed) {
        random = new Random(seed);
    }

    /** How many endpoints an event is sent to (an event's {@code pending_webhooks}): 0 or 1. */
    public int endpointCount() {
        return endpoint == null ? 0 : 1;
    }

    /**
     * Queues the events' first attempts, in the order given, each held as the settings draw it, and a second
     * delivery of those the settings draw to send twice; nothing when webhooks are off. Quick enough to call under
     * the data lock, which keeps the commit order (and so the order of the draws).
     */
    public void send(List<ObjectNode> events) {
        Endpoint target = endpoint;
        if (target == null) {
            return;
        }
        WebhookSettings now = settings;
        for (ObjectNode event : events) {
            schedule(track(new Delivery(event, target, Delivery.Cause.COMMIT)), hold(now));
            if (now.duplicateProbability() > 0 && random.nextDouble() < now.duplicateProbability()) {
                schedule(track(new Delivery(event, target, Delivery.Cause.DUPLICATE)), hold(now));
            }
        }
    }

    /**
     * Sends a stored event again, with a fresh signature, as a delivery of its own.
     *
     * @return the new delivery, or empty when no event has that id
     * @throws IllegalStateException when webhooks are off
     */
    public Optional<WebhookDelivery> resend(String eventId) {
        Endpoint target = endpoint;
        if (target == null) {
            throw new IllegalStateException("no webhook URL is set: start the emulator with one to send events");
        }
        ObjectNode event = storedEvents.apply(eventId);
        if (event == null) {
            return Optional.empty();
        }
        Delivery delivery = track(new Delivery(event, target, Delivery.Cause.RESEND));
        schedule(delivery, Duration.ZERO);
        return Optional.of(delivery.view());
    }

    /** Every delivery, resends included, in send order. */
    public List<WebhookDelivery> deliveries() {
        List<Delivery> copy;
        synchronized (deliveries) {
            copy = new ArrayList<>(deliveries);
        }
        return copy.stream().map(Delivery::view).toList();
    }

    /** Forgets every delivery and drops those not done yet. */
    public void clear() {
        List<Delivery> dropped;
        synchronized (deliveries) {
            dropped = new ArrayList<>(deliveries);
            deliveries.clear();
        }
        dropped.forEach(Delivery::cancel);
    }

    /** Drops the deliveries not done yet and interrupts an attempt under way. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "the webhook thread is still running after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clear();
    }

    /** No wait without a shuffle window, else a random one up to it, to the millisecond. */
    private Duration hold(WebhookSettings now) {
        long window = now.shuffleWindow().toMillis();
        return window == 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(window + 1));
    }

    private Delivery track(Delivery delivery) {
        synchronized (deliveries) {
            deliveries.addLast(delivery);
            if (deliveries.size() > MAX_KEPT_DELIVERIES) {
                deliveries.removeFirst();
            }
        }
        return delivery;
    }

    private void schedule(Delivery delivery, Duration delay) {
        try {
            executor.schedule(() -> attempt(delivery), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            delivery.cancel();
        }
    }

    private void attempt(Delivery delivery) {
        byte[] payload = delivery.startAttempt();
        if (payload == null) {
            return;
        }
        long timestamp = signingClock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(delivery.endpoint.url())
                .timeout(attemptTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", USER_AGENT)
                .header("Accept", "*/*; q=0.5, application/xml")
                .header("Cache-Control", "no-cache")
                .header("Stripe-Signature", WebhookSignature.header(delivery.endpoint.secret(), timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        try {
            int status = client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                delivery.delivered(status);
                return;
            }
            delivery.failed(status, "answered " + status);
        } catch (IOException noAnswer) {
            delivery.failed(null, noAnswer.toString());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            delivery.cancel();
            return;
        }
        WebhookDelivery failed = delivery.view();
        List<Duration> retrySchedule = settings.retrySchedule();
        if (failed.attempts() <= retrySchedule.size()) {
            LOG.log(System.Logger.Level.DEBUG, "webhook {0} ({1}) attempt {2} to {3} failed: {4}",
                    failed.eventId(), failed.type(), failed.attempts(), delivery.endpoint.url(), failed.lastError());
            schedule(delivery, retrySchedule.get(failed.attempts() - 1));
        } else {
            delivery.giveUp();
            LOG.log(System.Logger.Level.WARNING, "webhook {0} ({1}) to {2} given up after {3} attempts; last: {4}",
                    failed.eventId(), failed.type(), delivery.endpoint.url(), failed.attempts(), failed.lastError());
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    private static Endpoint endpoint(String url, String secret) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("webhook URL is not a URL: " + url);
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("webhook URL must be an absolute http(s) URL, got " + url);
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook URL needs a webhook secret (whsec_...) to sign with");
        }
        return new Endpoint(uri, secret);
    }

    /**
     * One sending of one event; its state is read by other threads. It keeps the event as the bytes it sends, not
     * as a JSON tree, and lets go of them once done: a busy emulator queues and remembers thousands.
     */
    private static final class Delivery {

        /** Why an event is sent: its commit, a resend asked for, or a duplicate the settings drew. */
        enum Cause {
            COMMIT, RESEND, DUPLICATE
        }

        private final String eventId;
        private final String type;
        private final Endpoint endpoint;
        private final Cause cause;
        private byte[] payload;
        private WebhookDelivery.State state = WebhookDelivery.State.PENDING;
        private Integer httpStatus;
        private int attempts;
        private String lastError;

        /** The payload in Stripe's own layout: indented, {@code "key": value}. */
        Delivery(ObjectNode event, Endpoint endpoint, Cause cause) {
            this.eventId = event.get("id").asString();
            this.type = event.get("type").asString();
            this.payload = Json.prettyBytes(event);
            this.endpoint = endpoint;
            this.cause = cause;
        }

        /** @return what to send, or null when it was canceled meanwhile */
        synchronized byte[] startAttempt() {
            if (state == WebhookDelivery.State.CANCELED) {
                return null;
            }
            attempts++;
            return payload;
        }

        synchronized void delivered(int status) {
            httpStatus = status;
            lastError = null;
            state = WebhookDelivery.State.DELIVERED;
            payload = null;
        }

        synchronized void failed(Integer status, String error) {
            httpStatus = status;
            lastError = error;
            if (state != WebhookDelivery.State.CANCELED) {
                state = WebhookDelivery.State.RETRYING;
            }
        }

        synchronized void giveUp() {
            if (state != WebhookDelivery.State.CANCELED) {
                state = WebhookDelivery.State.FAILED;
            }
            payload = null;
        }

        synchronized void cancel() {
            if (state == WebhookDelivery.State.PENDING || state == WebhookDelivery.State.RETRYING) {
                state = WebhookDelivery.State.CANCELED;
                payload = null;
            }
        }

        synchronized WebhookDelivery view() {
            return new WebhookDelivery(eventId, type, state, httpStatus, attempts, lastError, cause == Cause.RESEND,
                    cause == Cause.DUPLICATE);
        }
    }
}
