package io.billingaccounts.server.web;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.billingaccounts.server.store.IdempotencyKeys;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, ProblemWriter errors,
            Clock clock) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(keys, errors, clock));
        registration.setOrder(FilterOrder.IDEMPOTENCY);
        return registration;
    }
}
