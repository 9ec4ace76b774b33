package io.billingaccounts.server.stripe;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.stripe.StripeClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

@Configuration(proxyBeanMethods = false)
public class StripeConfiguration {

    /**
     * The one client. Its own retries are off: {@link StripeCalls} retries within each request's deadline.
     * A {@link StripeEndpoint} bean, when there is one, takes the place of the configured Stripe.
     */
    @Bean
    StripeClient stripeClient(StripeSettings settings, ObjectProvider<StripeEndpoint> standIn,
                              PooledStripeHttpClient transport) {
        return client(settings, standIn.getIfAvailable(), transport);
    }

    /** The client's connections, closed with the context. */
    @Bean(destroyMethod = "close")
    PooledStripeHttpClient stripeTransport(StripeSettings settings, MeterRegistry meters) {
        return new PooledStripeHttpClient(settings.connectTimeout(), meters);
    }

    /**
     * {@code endpoint} is null unless a stand-in replaces the configured Stripe. The client's connections are
     * never closed: for clients that live as long as the process.
     */
    static StripeClient client(StripeSettings settings, StripeEndpoint endpoint) {
        return client(settings, endpoint,
                new PooledStripeHttpClient(settings.connectTimeout(), Metrics.globalRegistry));
    }

    private static StripeClient client(StripeSettings settings, StripeEndpoint endpoint,
                                       PooledStripeHttpClient transport) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setReadTimeout((int) settings.readTimeout().toMillis())
                .setMaxNetworkRetries(0)
                .setHttpClient(transport);
        if (endpoint != null) {
            return builder.setApiKey(endpoint.apiKey()).setApiBase(endpoint.apiBase()).build();
        }
        builder.setApiKey(settings.apiKey());
        if (settings.apiBase() != null && !settings.apiBase().isBlank()) {
            builder.setApiBase(settings.apiBase());
        }
        return builder.build();
    }
}
