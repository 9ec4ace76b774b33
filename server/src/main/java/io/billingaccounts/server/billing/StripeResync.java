package io.billingaccounts.server.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.BillingAccountRow;
import io.billingaccounts.server.store.BillingAccountStore;
import io.billingaccounts.server.store.StripeSyncRow;
import io.billingaccounts.server.store.StripeSyncStore;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripeFailure;
import io.billingaccounts.server.workspace.Timestamps;

/**
 * Makes Stripe match the database again after an update or delete that did not finish: the database holds what
 * callers were told, so Stripe is brought to it. An account whose customer Stripe already deleted was being
 * deleted, and its deletion is completed.
 */
@Component
public class StripeResync {

    private static final Logger log = LoggerFactory.getLogger(StripeResync.class);
    private static final int MAX_ATTEMPTS = 5;

    private final StripeSyncStore syncs;
    private final BillingAccountStore accounts;
    private final StripeCustomers stripe;
    private final Clock clock;
    private final Duration settleTime;

    public StripeResync(StripeSyncStore syncs, BillingAccountStore accounts, StripeCustomers stripe, Clock clock,
                        @Value("${billing.recovery.settle-time}") Duration settleTime) {
        this.syncs = syncs;
        this.accounts = accounts;
        this.stripe = stripe;
        this.clock = clock;
        this.settleTime = settleTime;
    }

    @Scheduled(initialDelayString = "${billing.recovery.initial-delay}",
            fixedDelayString = "${billing.recovery.interval}")
    public void resync() {
        OffsetDateTime now = Timestamps.now(clock);
        for (StripeSyncRow marker : syncs.olderThan(now.minus(settleTime))) {
            if (!syncs.claim(marker.id(), now, now.plus(settleTime))) {
                continue;
            }
            try {
                if (mirror(marker.accountId())) {
                    syncs.delete(marker.id());
                }
            } catch (StripeFailure stillFailing) {
                log.warn("Stripe still failing; billing account {} will be mirrored later", marker.accountId());
                return;
            }
        }
    }

    /**
     * Pushes the account's state to Stripe, then moves its version on: a write that was under way meanwhile fails
     * its conditional write and starts again, so it cannot leave Stripe behind the database.
     */
    private boolean mirror(String accountId) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<BillingAccountRow> row = accounts.findById(accountId);
            if (row.isEmpty()) {
                stripe.delete(accountId);
                return true;
            }
            BillingAccount account = BillingAccountRows.toAccount(row.get());
            try {
                stripe.update(accountId, CustomerDiff.full(account));
            } catch (StripeFailure failure) {
                if (!failure.customerMissing()) {
                    throw failure;
                }
                if (accounts.deleteIfVersion(accountId, account.version())) {
                    log.info("Completed the deletion of billing account {}, whose customer Stripe had deleted",
                            accountId);
                    return true;
                }
                continue;
            }
            if (accounts.bumpVersion(accountId, account.version())) {
                log.info("Mirrored billing account {} to Stripe after an unfinished write", accountId);
                return true;
            }
        }
        return false;
    }
}
