/**
 * The one package that knows Stripe and stripe-java: every call the service makes to Stripe, and every event it
 * takes from Stripe, passes through here.
 *
 * <p>Each Stripe object the service uses has one adapter ({@code StripeCustomers}, {@code StripeSubscriptions},
 * {@code StripeInvoices}, {@code StripePaymentMethods}, {@code StripeSubscriptionSchedules}), and they read alike:
 * <ul>
 *   <li>every call goes through {@code StripeCalls}, inside the caller's {@code Deadline}: {@code call} (a write
 *       carries its Idempotency-Key), {@code create} (the request kept for recovery first), and {@code find} for a
 *       read of one object, empty when Stripe has no such object;</li>
 *   <li>an event's object is taken with {@code StripeEvent.objectAs}, a create's kept answer with
 *       {@code StripeCalls.model}: the one way JSON becomes stripe-java's model;</li>
 *   <li>a private {@code snapshot} turns the model into the adapter's output.</li>
 * </ul>
 *
 * <p>That output is a {@code *Snapshot} record ({@code CustomerSnapshot}, {@code SubscriptionSnapshot},
 * {@code InvoiceSnapshot}, {@code CardSnapshot}, {@code SetupIntentSnapshot}), never a stripe-java class: only this
 * package may see stripe-java (ArchitectureTest), so the domain never depends on its models or its version. That is
 * why a resource has a snapshot here beside its domain record: the snapshot is what Stripe holds, in plain Java; the
 * domain record is what the service makes of it.
 */
package io.billingaccounts.server.stripe;
