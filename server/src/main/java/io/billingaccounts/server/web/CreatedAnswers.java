package io.billingaccounts.server.web;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.billing.BillingAccount;
import io.billingaccounts.server.store.KeyAnswer;
import io.billingaccounts.server.store.KeyAnswers;
import io.billingaccounts.server.subscriptions.Subscription;
import tools.jackson.databind.json.JsonMapper;

/**
 * A keyed create's answer, made as its delegate makes it (201, the mapped body, the ETag where the resource has
 * one) while the create settles, so that its Idempotency-Key's answer is kept in that transaction. A setup intent's
 * answer carries what only Stripe keeps (its client secret, asked for again on a retry) and is kept when it is
 * sent.
 */
@Component
class CreatedAnswers implements KeyAnswers {

    private final JsonMapper json;

    CreatedAnswers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Optional<KeyAnswer> of(Object stored) {
        if (stored instanceof BillingAccount account) {
            return Optional.of(new KeyAnswer(HttpStatus.CREATED.value(),
                    json.writeValueAsString(BillingAccountMapper.toDto(account)), ETags.of(account.version())));
        }
        if (stored instanceof Subscription subscription) {
            return Optional.of(new KeyAnswer(HttpStatus.CREATED.value(),
                    json.writeValueAsString(SubscriptionMapper.toDto(subscription)), null));
        }
        return Optional.empty();
    }
}
