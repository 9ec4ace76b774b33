package io.billingaccounts.server.embedded;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import io.billingaccounts.server.mode.DeploymentMode;
import io.billingaccounts.server.stripe.StripeEndpoint;
import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;

/**
 * The embedded mode's Stripe: the emulator, in this process, keeping its data beside the database. The only class
 * of the server that knows the emulator; without the emulator on the class path there is no embedded mode. Its
 * control API (faults, request log, wipe) is not served: the service's callers must not reach it.
 */
@AutoConfiguration
@ConditionalOnClass(StripeEmulator.class)
@ConditionalOnExpression("'${stripe.api-key:}'.isBlank()")
public class EmbeddedStripeAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStripeAutoConfiguration.class);
    private static final String API_KEY = "sk_test_embedded";
    private static final String PUBLISHABLE_KEY = "pk_test_embedded";
    /**
     * Webhooks are sent to this service, whose other requests may keep each one waiting: one at a time, they fell
     * behind the writes that made them. Like Stripe, then, several at once; the service takes events in any order.
     */
    private static final int WEBHOOK_CONCURRENCY = 8;

    /** {@code mode} is asked for so that settings which must not run are refused before anything starts. */
    @Bean(destroyMethod = "close")
    StripeEmulator embeddedStripeEmulator(DeploymentMode mode, @Value("${billing.data-dir}") Path dataDir) {
        Path stripeData = dataDir.resolve("stripe");
        StripeEmulator emulator = StripeEmulator.start(EmulatorOptions.builder()
                .port(0).dataDir(stripeData).controlApi(false).webhookConcurrency(WEBHOOK_CONCURRENCY).build());
        log.info("No STRIPE_API_KEY set: started the embedded Stripe emulator on {} with its data in {}",
                emulator.baseUrl(), stripeData);
        return emulator;
    }

    /**
     * A signing secret of this process's own: nothing outside it can sign an event the service accepts. Browsers
     * are handed a test publishable key.
     */
    @Bean
    StripeEndpoint embeddedStripeEndpoint(StripeEmulator embeddedStripeEmulator) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new StripeEndpoint(embeddedStripeEmulator.baseUrl(), API_KEY,
                "whsec_" + HexFormat.of().formatHex(secret), PUBLISHABLE_KEY);
    }

    /** The emulator's events go to this service's webhook endpoint, once the port it listens on is known. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> embeddedStripeWebhooks(StripeEmulator embeddedStripeEmulator,
                                                                          StripeEndpoint embeddedStripeEndpoint,
                                                                          @Value("${server.servlet.context-path:}")
                                                                          String contextPath) {
        return started -> {
            if (started.getApplicationContext().getServerNamespace() != null) {
                return; // the management server's, not the API's
            }
            String url = "http://127.0.0.1:" + started.getWebServer().getPort() + contextPath + "/stripe/webhooks";
            embeddedStripeEmulator.webhooks().setEndpoint(url, embeddedStripeEndpoint.webhookSecret());
            log.info("The embedded Stripe emulator sends its webhooks to {}", url);
        };
    }
}
