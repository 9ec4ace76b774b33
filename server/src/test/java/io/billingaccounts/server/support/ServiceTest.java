package io.billingaccounts.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;
import tools.jackson.databind.JsonNode;

/**
 * The whole service in this JVM, on a real port, with its H2 database in a fresh directory and the Stripe
 * emulator behind it over real HTTP: fast tests of the service's own behaviour without packaging it. Every
 * subclass shares one Spring context and one emulator; the recovery loop runs only when a test asks it to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceTest {

    protected static final StripeEmulator STRIPE = StripeEmulator.start(EmulatorOptions.builder().port(0).build());
    private static final Path DATA = temporaryDirectory();
    private static final String STRIPE_KEY = "sk_test_service_tests";
    protected static final String PUBLISHABLE_KEY = "pk_test_service_tests";
    private static final Api STRIPE_API = Api.stripe(STRIPE.baseUrl(), STRIPE_KEY);

    @LocalServerPort
    private int port;

    protected Api api;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("billing.data-dir", DATA::toString);
        registry.add("stripe.api-key", () -> STRIPE_KEY);
        registry.add("stripe.api-base", STRIPE::baseUrl);
        registry.add("stripe.publishable-key", () -> PUBLISHABLE_KEY);
        registry.add("stripe.read-timeout", () -> "PT1S");
        registry.add("stripe.deadline", () -> "PT2S");
        registry.add("billing.recovery.settle-time", () -> "PT3S");
        registry.add("billing.recovery.initial-delay", () -> "PT1H");
        registry.add("billing.recovery.interval", () -> "PT1H");
        // This Stripe sends no webhooks; catch-up runs when a test asks it to.
        registry.add("stripe.events.catch-up-only", () -> "true");
        registry.add("stripe.events.catch-up-interval", () -> "PT1H");
    }

    /** The customer as the emulator holds it, read over Stripe's API. */
    protected static JsonNode stripeCustomer(String id) {
        return stripeGet("/v1/customers/" + id);
    }

    /** The live customers with this e-mail address. */
    protected static List<JsonNode> stripeCustomers(String email) {
        List<JsonNode> customers = new ArrayList<>();
        stripeGet("/v1/customers?email=" + email).path("data").forEach(customers::add);
        return customers;
    }

    /** A form POST to the emulator's Stripe API, as Stripe.js or a dashboard user would make it. */
    protected static JsonNode stripePost(String path, String form) {
        return STRIPE_API.send(null, "POST", path, form,
                Map.of("Content-Type", "application/x-www-form-urlencoded")).json();
    }

    /** Confirms the setup intent behind {@code clientSecret} with one of Stripe's test cards, such as pm_card_visa. */
    protected static JsonNode confirmCard(String clientSecret, String testCard) {
        String setupIntent = clientSecret.substring(0, clientSecret.indexOf("_secret_"));
        return stripePost("/v1/setup_intents/" + setupIntent + "/confirm", "payment_method=" + testCard);
    }

    protected static JsonNode stripeDelete(String path) {
        return STRIPE_API.send(null, "DELETE", path, null, Map.of()).json();
    }

    protected static JsonNode stripeGet(String path) {
        return STRIPE_API.get(null, path).json();
    }

    @BeforeEach
    void calmStripe() {
        STRIPE.faults().clear();
        STRIPE.requests().clear();
        STRIPE.setSearchLag(java.time.Duration.ZERO);
        STRIPE.setRateLimits(0, 0);
        api = Api.service("http://127.0.0.1:" + port);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("billing-accounts-service-tests-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
