package io.billingaccounts.server.ratelimit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.billingaccounts.server.store.DatabaseSharing;
import io.billingaccounts.server.web.FilterOrder;
import io.billingaccounts.server.web.ProblemWriter;

/**
 * Per-caller rate limiting, on only when {@code billing.rate-limit.requests-per-minute} is above 0. With
 * PostgreSQL the buckets live in the database, so the limit holds across every instance; with any other database
 * (the embedded H2, which one process alone can open) they live in memory.
 * The filter's place among the others is {@link FilterOrder#RATE_LIMIT}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RateLimitConfiguration.Enabled.class)
public class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean
    CallerBuckets callerBuckets(RateLimitSettings settings, DataSource dataSource, DatabaseSharing database) {
        CallerBuckets buckets = database.sharedByInstances()
                ? new PostgresCallerBuckets(dataSource, settings.requestsPerMinute())
                : new LocalCallerBuckets(settings.requestsPerMinute());
        log.info("Rate limit: {} requests a minute per caller, buckets {}", settings.requestsPerMinute(),
                buckets.where());
        return buckets;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(CallerBuckets buckets, ProblemWriter errors,
                                                            RateLimitSettings settings) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(buckets, errors, settings.requestsPerMinute()));
        registration.setOrder(FilterOrder.RATE_LIMIT);
        return registration;
    }

    /** On when the setting is above 0; a negative value fails validation of {@link RateLimitSettings}. */
    static final class Enabled implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind(RateLimitSettings.REQUESTS_PER_MINUTE, Integer.class).orElse(0) > 0;
        }
    }
}
