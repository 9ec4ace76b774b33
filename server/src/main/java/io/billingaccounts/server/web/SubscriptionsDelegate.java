package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.SubscriptionsApiDelegate;
import io.billingaccounts.server.api.model.SubscriptionCreateDto;
import io.billingaccounts.server.api.model.SubscriptionDto;
import io.billingaccounts.server.api.model.SubscriptionListDto;
import io.billingaccounts.server.api.model.SubscriptionPatchDto;
import io.billingaccounts.server.api.model.TrialEligibilityDto;
import io.billingaccounts.server.subscriptions.NewSubscription;
import io.billingaccounts.server.subscriptions.Subscription;
import io.billingaccounts.server.subscriptions.SubscriptionPatch;
import io.billingaccounts.server.subscriptions.SubscriptionService;

/** Bodies reach it checked whole ({@link RequestBodyChecks}); the Idempotency-Key is
 * {@link IdempotencyFilter}'s, and makes every try of a create the same Stripe write. */
@Component
public class SubscriptionsDelegate implements SubscriptionsApiDelegate {

    private final SubscriptionService service;

    public SubscriptionsDelegate(SubscriptionService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<SubscriptionListDto> listSubscriptions(String workspaceId, String billingAccountId) {
        var subscriptions = service.list(Callers.current(), workspaceId, billingAccountId).stream()
                .map(SubscriptionMapper::toDto).toList();
        return ResponseEntity.ok(new SubscriptionListDto(subscriptions, false));
    }

    @Override
    public ResponseEntity<SubscriptionDto> createSubscription(String workspaceId, String billingAccountId,
                                                              SubscriptionCreateDto body, String idempotencyKey) {
        return ResponseEntity.status(HttpStatus.CREATED).body(SubscriptionMapper.toDto(service.create(
                Callers.current(), workspaceId, billingAccountId, CheckedBodies.of(body, NewSubscription.class), idempotencyKey)));
    }

    @Override
    public ResponseEntity<SubscriptionDto> getSubscription(String workspaceId, String billingAccountId,
                                                           String subscriptionId) {
        return ok(service.get(Callers.current(), workspaceId, billingAccountId, subscriptionId));
    }

    @Override
    public ResponseEntity<SubscriptionDto> updateSubscription(String workspaceId, String billingAccountId,
                                                              String subscriptionId, SubscriptionPatchDto body) {
        return ok(service.update(Callers.current(), workspaceId, billingAccountId, subscriptionId,
                CheckedBodies.of(body, SubscriptionPatch.class)));
    }

    @Override
    public ResponseEntity<SubscriptionDto> cancelSubscription(String workspaceId, String billingAccountId,
                                                              String subscriptionId) {
        return ok(service.cancel(Callers.current(), workspaceId, billingAccountId, subscriptionId));
    }

    @Override
    public ResponseEntity<TrialEligibilityDto> getTrialEligibility(String workspaceId, String billingAccountId) {
        return ResponseEntity.ok(SubscriptionMapper.toDto(service.trialEligibility(Callers.current(), workspaceId,
                billingAccountId)));
    }

    private static ResponseEntity<SubscriptionDto> ok(Subscription subscription) {
        return ResponseEntity.ok(SubscriptionMapper.toDto(subscription));
    }
}
