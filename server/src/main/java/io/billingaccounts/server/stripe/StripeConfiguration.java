package io.billingaccounts.server.stripe;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.stripe.StripeClient;

@Configuration(proxyBeanMethods = false)
public class StripeConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedStripe embeddedStripe(StripeSettings settings, @Value("${billing.data-dir}") Path dataDir) {
        return settings.embedded() ? EmbeddedStripe.start(dataDir.resolve("stripe")) : null;
    }

    /** The one client: timeouts and retries are set here, explicitly, since the builder's retry default is 0. */
    @Bean
    StripeClient stripeClient(StripeSettings settings, ObjectProvider<EmbeddedStripe> embedded) {
        return client(settings, embedded.getIfAvailable());
    }

    /** {@code emulator} is null unless the embedded emulator stands in for Stripe. */
    static StripeClient client(StripeSettings settings, EmbeddedStripe emulator) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setReadTimeout((int) settings.readTimeout().toMillis())
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .setHttpClient(new PooledStripeHttpClient(settings.connectTimeout()));
        if (emulator != null) {
            return builder.setApiKey(EmbeddedStripe.API_KEY).setApiBase(emulator.baseUrl()).build();
        }
        builder.setApiKey(settings.apiKey());
        if (settings.apiBase() != null && !settings.apiBase().isBlank()) {
            builder.setApiBase(settings.apiBase());
        }
        return builder.build();
    }
}
