package io.billingaccounts.stripe.emulator;

import com.sun.net.httpserver.HttpServer;
import io.billingaccounts.stripe.emulator.api.EventingCommit;
import io.billingaccounts.stripe.emulator.api.StripeApiHandler;
import io.billingaccounts.stripe.emulator.clock.EmulatorClock;
import io.billingaccounts.stripe.emulator.control.ControlApiHandler;
import io.billingaccounts.stripe.emulator.control.EmulatorControls;
import io.billingaccounts.stripe.emulator.events.EmulatorEventListener;
import io.billingaccounts.stripe.emulator.events.EventPublisher;
import io.billingaccounts.stripe.emulator.faults.FaultInjector;
import io.billingaccounts.stripe.emulator.limits.RateLimits;
import io.billingaccounts.stripe.emulator.limits.StripeLimits;
import io.billingaccounts.stripe.emulator.requestlog.RequestLog;
import io.billingaccounts.stripe.emulator.resources.ProductCatalog;
import io.billingaccounts.stripe.emulator.store.DataStore;
import io.billingaccounts.stripe.emulator.webhooks.WebhookDeliverer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful stand-in for Stripe's API (customers, prices, setup intents, payment methods, subscriptions
 * and invoices) on a loopback port: what the
 * billing-accounts server embeds as its default Stripe, and what its tests drive through the real
 * stripe-java over real HTTP, with faults injected on demand.
 *
 * <pre>{@code
 * try (StripeEmulator stripe = StripeEmulator.start(EmulatorOptions.builder().port(0).build())) {
 *     StripeClient client = StripeClient.builder().setApiKey("sk_test_x").setApiBase(stripe.baseUrl()).build();
 *     ...
 * }
 * }</pre>
 */
public final class StripeEmulator implements AutoCloseable {

    /**
     * Enough threads for some 300 slow requests at once (a benchmark's simulated latency) to all wait
     * side by side.
     */
    private static final int REQUEST_THREADS = 512;
    private static final int ACCEPT_BACKLOG = 1024;
    /**
     * The JDK's HTTP server writes an answer's headers and body apart; with Nagle's algorithm on, the
     * body then waits out the client's delayed ACK, some 40 ms an answer. Read once, when the JDK first
     * makes an HTTP server in the process.
     */
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /**
     * The JDK's HTTP server keeps at most 200 idle connections and closes the rest as soon as it has answered: a
     * burst of more callers than that then finds closed connections in its pools. As many as request threads.
     */
    private static final String MAX_IDLE_PROPERTY = "sun.net.httpserver.maxIdleConnections";

    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final DataStore store;
    private final EventPublisher events;
    private final EmulatorControls controls;
    private boolean closed;

    private StripeEmulator(HttpServer server, ExecutorService requestThreads, DataStore store, EventPublisher events,
            EmulatorControls controls) {
        this.server = server;
        this.requestThreads = requestThreads;
        this.store = store;
        this.events = events;
        this.controls = controls;
    }

    /**
     * Recovers the data directory, if any, and listens on 127.0.0.1.
     *
     * @throws UncheckedIOException when the port is taken or the data directory cannot be read
     * @throws IllegalStateException when the data directory is damaged or in use by another emulator
     */
    public static StripeEmulator start(EmulatorOptions options) {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        if (System.getProperty(MAX_IDLE_PROPERTY) == null) {
            System.setProperty(MAX_IDLE_PROPERTY, String.valueOf(REQUEST_THREADS));
        }
        DataStore store = openStore(options);
        // The account's own time: the option's clock, moved on by every advance the data keeps.
        Clock accountClock = store.clock();
        seedCatalog(store, accountClock);
        FaultInjector faults = new FaultInjector();
        RequestLog requestLog = options.controlApi() ? new RequestLog(accountClock) : RequestLog.off(accountClock);
        EventPublisher events = new EventPublisher();
        WebhookDeliverer webhooks = new WebhookDeliverer(options.webhookUrl(), options.webhookSecret(),
                eventId -> store.read(state -> state.event(eventId)), options.webhookConcurrency(),
                options.webhookSettings(), options.webhookSeed());
        EmulatorClock clock = new EmulatorClock(store, new EventingCommit(webhooks), events);
        StripeLimits limits = StripeLimits.of(Duration.ofMillis(options.searchLagMillis()),
                new RateLimits(options.readRateLimit(), options.writeRateLimit()), options.lockTimeouts());
        store.addCommitListener(limits.searchLag()::written);
        Runnable wipe = () -> {
            store.wipe();
            seedCatalog(store, accountClock);
            requestLog.clear();
            webhooks.clear();
        };
        EmulatorControls controls = new EmulatorControls(faults, requestLog, webhooks, wipe, clock, limits);
        ExecutorService requestThreads = requestThreads();
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), ACCEPT_BACKLOG);
            server.setExecutor(requestThreads);
            // Everything but the control API answers like Stripe, unknown URLs included (and /_emulator/ too
            // when the control API is off).
            server.createContext("/", new StripeApiHandler(
                    store, accountClock, faults, requestLog, events, webhooks, options.delayMillis(), limits));
            if (options.controlApi()) {
                server.createContext("/_emulator/",
                        new ControlApiHandler(controls));
            }
            server.start();
            return new StripeEmulator(server, requestThreads, store, events, controls);
        } catch (IOException e) {
            requestThreads.shutdownNow();
            webhooks.close();
            closeQuietly(store);
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What to give stripe-java's {@code setApiBase}, e.g. {@code http://127.0.0.1:12111}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The faults waiting for requests; the same as /_emulator/faults. */
    public FaultInjector faults() {
        return controls.faults();
    }

    /** The /v1 requests received; the same as /_emulator/requests (none kept without the control API). */
    public RequestLog requests() {
        return controls.requestLog();
    }

    /**
     * The webhook deliveries, the same as /_emulator/webhooks, and the endpoint:
     * {@code webhooks().setEndpoint(url, secret)} points later events elsewhere, for an embedder that
     * learns its own webhook URL only once it listens. {@code webhooks().setSettings(...)} changes how later
     * events are retried, duplicated and shuffled, and {@code webhooks().reseed(seed)} repeats the draws; the same as
     * POST /_emulator/webhooks/settings.
     */
    public WebhookDeliverer webhooks() {
        return controls.webhooks();
    }

    /**
     * The account's time, which the emulator owns: {@code clock().now()}, and {@code clock().advance(duration)},
     * which moves it forward and runs what falls due meanwhile (trial ends, renewals, cancellations at period
     * end); the same as GET /_emulator/clock and POST /_emulator/clock/advance. Served with the control API off
     * too.
     */
    public EmulatorClock clock() {
        return controls.clock();
    }

    /**
     * From now on a created or changed object stays out of search results for this long (real time), as Stripe's
     * search index lags writes; zero shows every write at once. The same as POST /_emulator/search-lag.
     */
    public void setSearchLag(Duration lag) {
        controls.limits().searchLag().set(lag);
    }

    public Duration searchLag() {
        return controls.limits().searchLag().get();
    }

    /**
     * How many /v1 reads (GET) and writes (POST, DELETE) are let through in any one second, 0 being no limit; the
     * rest are answered 429 {@code rate_limit} and do nothing. Stripe's are 25 and 25 in test mode. The same as
     * POST /_emulator/rate-limits.
     */
    public void setRateLimits(int readsPerSecond, int writesPerSecond) {
        controls.limits().rateLimiter().set(new RateLimits(readsPerSecond, writesPerSecond));
    }

    public RateLimits rateLimits() {
        return controls.limits().rateLimiter().get();
    }

    /**
     * Whether a write of an object that another request is still writing (its delay included) is refused with 429
     * {@code lock_timeout} and {@code Stripe-Should-Retry: true}, as Stripe refuses it. The same as
     * POST /_emulator/lock-timeouts.
     */
    public void setLockTimeouts(boolean enabled) {
        controls.limits().objectLocks().enable(enabled);
    }

    public boolean lockTimeouts() {
        return controls.limits().objectLocks().enabled();
    }

    /**
     * Forgets every object, event, idempotency key, logged request and webhook delivery (those not
     * done are dropped), and sets the clock back to the option's clock; the same as DELETE /_emulator/data. Keeps the
     * faults, the search lag, the rate limits (and the requests they counted in the last second) and the lock-timeout
     * switch.
     */
    public void reset() {
        controls.wipeData().run();
    }

    /** Hears of every committed change, on the request's thread (webhooks are sent apart from this). */
    public void addEventListener(EmulatorEventListener listener) {
        events.addListener(listener);
    }

    /**
     * Stops listening, interrupts requests still held (delays, timeout faults), drops the webhooks not
     * yet delivered and closes the log.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        requestThreads.shutdownNow();
        try {
            if (!requestThreads.awaitTermination(10, TimeUnit.SECONDS)) {
                System.getLogger(StripeEmulator.class.getName()).log(System.Logger.Level.WARNING,
                        "request threads still running after 10 s; closing the data log anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        controls.webhooks().close();
        closeQuietly(store);
    }

    private static DataStore openStore(EmulatorOptions options) {
        if (options.dataDir() == null) {
            return DataStore.inMemory(options.clock());
        }
        try {
            return DataStore.open(options.dataDir(), options.fsync(), options.clock());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open data directory " + options.dataDir(), e);
        }
    }

    /** The account's products and prices, those not there yet (a data directory keeps them). */
    private static void seedCatalog(DataStore store, Clock clock) {
        store.write(transaction -> {
            transaction.commit(ProductCatalog.missingFrom(transaction.state(), clock.instant().getEpochSecond()));
            return null;
        });
    }

    private static ExecutorService requestThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = runnable -> {
            Thread thread = new Thread(runnable, "stripe-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // No core threads: a request takes an idle thread before a new one is made, so the pool is as large as the
        // number of requests in flight. Beyond the limit the accepting thread runs the request itself: back-pressure.
        return new ThreadPoolExecutor(0, REQUEST_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons,
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    private static void closeQuietly(DataStore store) {
        try {
            store.close();
        } catch (IOException e) {
            System.getLogger(StripeEmulator.class.getName()).log(System.Logger.Level.WARNING, "closing the data log", e);
        }
    }
}
