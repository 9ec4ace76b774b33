package io.billingaccounts.server.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.param.CustomerListParams;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.store.DatabaseSharing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import io.billingaccounts.stripe.emulator.requestlog.LoggedRequest;
import tools.jackson.databind.json.JsonMapper;

/** The Stripe adapter over real HTTP against the emulator: what it sends, and how each fault comes back. */
class StripeCustomersTest {

    private static final CustomerAddress ADDRESS = new CustomerAddress("US", "1 Main St", null, "Springfield", null,
            null);

    private static StripeEmulator emulator;
    private static StripeClient client;
    private static StripeCustomers customers;
    private static StripeReplays replays;
    private static StripeSettings settings;

    @BeforeAll
    static void start() throws Exception {
        emulator = StripeEmulator.start(EmulatorOptions.builder().port(0).build());
        settings = new StripeSettings("sk_test_adapter", emulator.baseUrl(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 1, Duration.ofSeconds(5), null, null);
        client = StripeConfiguration.client(settings, null);
        StripeCalls calls = new StripeCalls(settings, limiter(0));
        customers = new StripeCustomers(client, calls);
        replays = new StripeReplays(client, calls);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void clearFaults() throws Exception {
        emulator.faults().clear();
    }

    @Test
    void createsWithMetadataAndUpdatesOnlyWhatChanged() throws Exception {
        String id = create(new NewCustomer("Ann", "ann@example.com", "+2721", "Desc",
                new CustomerAddress("ZA", "1 Long St", null, "Cape Town", null, "8001"),
                Map.of("workspace_id", "ws_1")), "create-key-1");
        Customer created = client.v1().customers().retrieve(id);
        assertThat(created.getMetadata()).containsEntry("workspace_id", "ws_1");
        assertThat(created.getAddress().getCity()).isEqualTo("Cape Town");

        customers.update(id, new CustomerChanges(null, null, "", null,
                new CustomerAddress("ZA", "2 Long St", null, "Cape Town", "WC", null), null), "update-key-1", time());
        Customer updated = client.v1().customers().retrieve(id);
        assertThat(updated.getName()).isEqualTo("Ann");
        assertThat(updated.getPhone()).isNull();
        assertThat(updated.getDescription()).isEqualTo("Desc");
        assertThat(updated.getAddress().getLine1()).isEqualTo("2 Long St");
        assertThat(updated.getAddress().getState()).isEqualTo("WC");
        assertThat(updated.getAddress().getPostalCode()).isNullOrEmpty();
    }

    @Test
    void theSameIdempotencyKeyNeverMakesASecondCustomer() {
        NewCustomer bob = new NewCustomer("Bob", "bob@example.com", null, null, ADDRESS, Map.of());
        assertThat(create(bob, "create-key-2"))
                .isEqualTo(create(bob, "create-key-2"));
    }

    @Test
    void aCustomerStripeNeverHadIsEmptyAndOneDeletedTwiceIsDeleted() {
        assertThat(customers.retrieve("cus_never_made", time())).isEmpty();

        String id = create(new NewCustomer("Dee", "dee@example.com", null, null, ADDRESS, Map.of()), "k-delete");
        customers.delete(id, time());
        customers.delete(id, time());
    }

    @Test
    void anEventsObjectIsTheCustomerItCarriesEachTimeItIsAsked() {
        StripeEvent event = new StripeEvent("customer.updated", "cus_event", JsonMapper.builder().build().readTree("""
                {"id": "cus_event", "object": "customer", "name": "Eve", "email": "eve@example.com",
                 "address": {"country": "FR", "line1": "1 rue", "city": "Paris"}}"""), null);

        assertThat(customers.fromEvent(event).name()).isEqualTo("Eve");
        assertThat(customers.fromEvent(event).address().city()).isEqualTo("Paris");
    }

    @Test
    void aRepeatedDeleteIsHarmless() throws Exception {
        String id = create(new NewCustomer("Cy", "cy@example.com", null, null, ADDRESS, Map.of()), "k-3");
        customers.delete(id, time());
        assertThat(client.v1().customers().retrieve(id).getDeleted()).isTrue();
        customers.delete(id, time());
    }

    @Test
    void eachFaultBecomesADomainFailure() throws Exception {
        String id = create(new NewCustomer("Di", "di@example.com", null, null, ADDRESS, Map.of()), "k-4");
        CustomerChanges rename = new CustomerChanges("Dee", null, null, null, null, null);

        fault(FaultKind.HTTP_500, 5);
        assertFailure(() -> rename(id, rename), Problem.Kind.UPSTREAM_FAILED, true);
        fault(FaultKind.HTTP_429, 5);
        assertFailure(() -> rename(id, rename), Problem.Kind.UPSTREAM_UNAVAILABLE, false);
        fault(FaultKind.TIMEOUT, 5);
        assertFailure(() -> rename(id, rename), Problem.Kind.UPSTREAM_UNAVAILABLE, true);
        fault(FaultKind.RESET, 5);
        assertFailure(() -> rename(id, rename), Problem.Kind.UPSTREAM_UNAVAILABLE, true);
        assertThat(client.v1().customers().retrieve(id).getName()).isEqualTo("Di");

        fault(FaultKind.COMMIT_THEN_500, 5);
        assertFailure(() -> rename(id, rename), Problem.Kind.UPSTREAM_FAILED, true);
        assertThat(client.v1().customers().retrieve(id).getName()).isEqualTo("Dee");

        emulator.faults().clear();
        assertThatThrownBy(() -> customers.update("cus_doesnotexist0000", rename, "rename-missing", time()))
                .isInstanceOfSatisfying(StripeFailure.class, f -> assertThat(f.objectMissing()).isTrue());
    }

    @Test
    void oneFaultIsRetriedWithTheSameKey() throws Exception {
        fault(FaultKind.COMMIT_THEN_500, 1, "POST /v1/customers");
        String id = create(new NewCustomer("Ed", "ed@example.com", null, null, ADDRESS, Map.of()), "k-5");
        assertThat(client.v1().customers().retrieve(id).getName()).isEqualTo("Ed");
        assertThat(customers.findByMetadata("workspace_id", "nobody", time())).isEmpty();
    }

    @Test
    void aCreateSentAgainFromWhatItKeptGetsTheSameCustomerAndMakesNoOther() throws Exception {
        NewCustomer fay = new NewCustomer("Fay", "fay@example.com", null, null, ADDRESS, Map.of("workspace_id", "ws_f"));
        StripeCreate<CustomerSnapshot> create = customers.create(fay);
        String id = create.send("k-6", time()).id();

        ReplayableRequest request = ReplayableRequest.decode(create.request().encoded());
        String answer = replays.replay(request, "k-6", time()).orElseThrow();

        assertThat(customers.fromAnswer(answer).id()).isEqualTo(id);
        assertThat(customers.fromAnswer(answer).name()).isEqualTo("Fay");
        assertThat(client.v1().customers().list(CustomerListParams.builder().setEmail("fay@example.com").build())
                .getData()).hasSize(1);
    }

    @Test
    void aCreateThatNeverReachedStripeIsMadeOnceWhenSentAgain() throws Exception {
        NewCustomer gus = new NewCustomer("Gus", "gus@example.com", null, null, ADDRESS, Map.of());
        StripeCreate<CustomerSnapshot> create = customers.create(gus);
        fault(FaultKind.HTTP_500, 10, "POST /v1/customers");
        assertThatThrownBy(() -> create.send("k-7", time())).isInstanceOf(StripeFailure.class);
        emulator.faults().clear();

        String first = customers.fromAnswer(replays.replay(create.request(), "k-7", time()).orElseThrow()).id();
        String again = customers.fromAnswer(replays.replay(create.request(), "k-7", time()).orElseThrow()).id();

        assertThat(again).isEqualTo(first);
        assertThat(client.v1().customers().list(CustomerListParams.builder().setEmail("gus@example.com").build())
                .getData()).hasSize(1);
    }

    @Test
    void aRefusedCreateSentAgainTellsThatNothingWasMade() {
        ReplayableRequest refused = new ReplayableRequest("POST", "/v1/customers", "email=hal%40example.com&no_such_param=1");
        assertThat(replays.replay(refused, "k-8", time())).isEmpty();
    }

    @Test
    void theLimitSpacesWritesSoThatStripeNeverRefusesOneForItsRate() throws Exception {
        emulator.setRateLimits(0, 10);
        StripeCustomers limited = new StripeCustomers(client, new StripeCalls(settings, limiter(10)));
        emulator.requests().clear();
        try {
            ExecutorService burst = Executors.newFixedThreadPool(12);
            List<Future<CustomerSnapshot>> made = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String key = "burst-" + i + "-" + UUID.randomUUID();
                made.add(burst.submit(() -> limited.create(new NewCustomer("Ivy", "ivy@example.com", null, null,
                        ADDRESS, Map.of())).send(key, Deadline.in(Duration.ofSeconds(10)))));
            }
            for (Future<CustomerSnapshot> customer : made) {
                assertThat(customer.get().name()).isEqualTo("Ivy");
            }
            burst.shutdown();
            assertThat(emulator.requests().entries()).extracting(LoggedRequest::status).containsOnly(200).hasSize(12);
        } finally {
            emulator.setRateLimits(0, 0);
        }
    }

    @Test
    void aWriteWhoseTurnWouldComeAfterItsDeadlineIsRefusedWithoutBeingSent() {
        StripeCustomers limited = new StripeCustomers(client, new StripeCalls(settings, limiter(1)));
        NewCustomer jo = new NewCustomer("Jo", "jo@example.com", null, null, ADDRESS, Map.of());
        limited.create(jo).send("jo-1", time());
        emulator.requests().clear();

        assertThatThrownBy(() -> limited.create(jo).send("jo-2", Deadline.in(Duration.ofMillis(200))))
                .isInstanceOfSatisfying(StripeFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("stripe_rate_limited");
                    assertThat(failure.maybeApplied()).isFalse();
                });
        assertThat(emulator.requests().entries()).isEmpty();
    }

    /** This process's limit on Stripe writes a second, 0 for none. */
    private static StripeRateLimiter limiter(int writesPerSecond) {
        return new StripeRateLimiter(new StripeRateLimitSettings(0, writesPerSecond), null, new DatabaseSharing(""),
                new SimpleMeterRegistry());
    }

    private String create(NewCustomer customer, String idempotencyKey) {
        return customers.create(customer).send(idempotencyKey, time()).id();
    }

    /** Each try a new change, as the service makes it: its own Idempotency-Key. */
    private static void rename(String id, CustomerChanges rename) {
        customers.update(id, rename, UUID.randomUUID().toString(), time());
    }

    private static Deadline time() {
        return Deadline.in(Duration.ofSeconds(5));
    }

    private static void assertFailure(Runnable call, Problem.Kind kind, boolean maybeApplied) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StripeFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.maybeApplied()).isEqualTo(maybeApplied);
        });
    }

    private static void fault(FaultKind kind, int times) {
        fault(kind, times, "POST /v1/customers/*");
    }

    private static void fault(FaultKind kind, int times, String match) {
        emulator.faults().clear();
        emulator.faults().inject(match, kind, times);
    }
}
