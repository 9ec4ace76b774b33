package io.billingaccounts.server.stripe;

/** A customer as Stripe holds it now; a deleted one has only its id. */
public record CustomerSnapshot(String id, boolean deleted, String name, String email, String phone,
                               String description, CustomerAddress address) {
}
