package io.billingaccounts.server.web;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.billingaccounts.server.store.IdempotencyStore;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ProblemWriter errors,
            Clock clock, @Value("${billing.idempotency.abandoned-after}") Duration abandonedAfter) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, errors, clock, abandonedAfter));
        registration.setOrder(FilterOrder.IDEMPOTENCY);
        return registration;
    }
}
