package io.billingaccounts.server.subscriptions;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.billingaccounts.server.basics.RandomIds;
import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.billing.BillingAccount;
import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.invoices.Invoice;
import io.billingaccounts.server.invoices.InvoiceMirror;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.InvoiceSnapshot;
import io.billingaccounts.server.stripe.StripeInvoices;
import io.billingaccounts.server.stripe.StripeSettings;
import io.billingaccounts.server.workspace.WorkspaceAccess;

/**
 * The invoice a subscription change would bring, as Stripe computes it (one invoice preview call), changing
 * nothing anywhere. The preview follows this service's rules for changes: an increase is prorated now, a decrease
 * waits for the period's end and so brings no credit now.
 */
@Service
public class InvoicePreviews {

    private final BillingAccountStore accounts;
    private final SubscriptionStore subscriptions;
    private final WorkspaceAccess access;
    private final StripeInvoices stripe;
    private final ItemChanges itemChanges;
    private final StripeSettings settings;
    private final Clock clock;

    InvoicePreviews(BillingAccountStore accounts, SubscriptionStore subscriptions, WorkspaceAccess access,
                    StripeInvoices stripe, ItemChanges itemChanges, StripeSettings settings, Clock clock) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.access = access;
        this.stripe = stripe;
        this.itemChanges = itemChanges;
        this.settings = settings;
        this.clock = clock;
    }

    public Invoice preview(String caller, String workspaceId, String accountId, InvoicePreviewRequest request) {
        access.requireRead(caller, workspaceId);
        BillingAccount account = accounts.find(workspaceId, accountId)
                .orElseThrow(() -> Problem.notFound("billing account"));
        Map<Product, Long> wanted = wanted(request);
        Deadline deadline = Deadline.in(settings.deadline());
        if (request.subscriptionId() == null) {
            ItemChanges.Diff added = itemChanges.between(Map.of(), account.currency(), wanted, deadline);
            return shown(stripe.preview(accountId, null, added.changes(), false, false, added.lookupKeysByPrice(),
                    deadline), account);
        }
        Subscription current = subscriptions.find(accountId, request.subscriptionId())
                .orElseThrow(() -> Problem.notFound("subscription"));
        if (current.ended()) {
            throw new Problem(Problem.Kind.CONFLICT, "subscription_canceled",
                    "The subscription is canceled and can no longer be changed.");
        }
        if (request.cancel()) {
            return shown(stripe.preview(accountId, current.id(), List.of(), true, false,
                    ItemChanges.lookupKeysByPrice(current), deadline), account);
        }
        ItemChanges.Diff diff = itemChanges.between(current.items(), current.currency(), wanted, deadline);
        Optional<InvoiceSnapshot> preview = stripe.preview(accountId, current.id(), diff.changes(), false,
                diff.raises(), diff.lookupKeysByPrice(), deadline);
        return shown(preview.map(invoice -> withoutCreditsFor(diff.lowered(), invoice, current.currency())), account);
    }

    /** The desired set, every product once; what the request breaks is one 422 naming each field. */
    private static Map<Product, Long> wanted(InvoicePreviewRequest request) {
        Violations violations = new Violations();
        Map<Product, Long> wanted = new EnumMap<>(Product.class);
        if (request.cancel() && request.subscriptionId() == null) {
            violations.add("cancel_subscription", "requires_subscription", "needs subscription_id");
        }
        if (request.cancel() && request.items() != null) {
            violations.add("items", "not_allowed", "must not come with cancel_subscription");
        }
        if (!request.cancel() && request.items() == null) {
            violations.add("items", "required", "is required unless cancel_subscription is true");
        }
        List<InvoicePreviewRequest.ItemWanted> items = request.items() == null ? List.of() : request.items();
        for (int i = 0; i < items.size(); i++) {
            InvoicePreviewRequest.ItemWanted item = items.get(i);
            if (wanted.containsKey(item.product())) {
                violations.add("items[" + i + "].product_type", "duplicate_product", "names a product twice");
            } else if (item.product() == Product.SSO && item.quantity() > 1) {
                violations.add("items[" + i + "].quantity", "too_large", "sso has quantity 1 at most");
            }
            wanted.putIfAbsent(item.product(), item.quantity());
        }
        wanted.values().removeIf(quantity -> quantity == 0);
        if (request.items() != null && wanted.isEmpty()) {
            violations.add("items", "no_product_left", "must leave at least one product");
        }
        violations.throwIfAny();
        return wanted;
    }

    /**
     * The preview without the prorations of the products the change lowers: a decrease waits for the period's
     * end (a schedule holds it), so it credits nothing now; the renewal the preview shows already bills the lower
     * quantity. Stripe's preview prorates every item alike, hence this one step of our own.
     */
    private static InvoiceSnapshot withoutCreditsFor(List<Product> lowered, InvoiceSnapshot invoice,
                                                     String currency) {
        if (lowered.isEmpty()) {
            return invoice;
        }
        List<String> loweredKeys = lowered.stream().map(p -> p.lookupKey(currency)).toList();
        List<InvoiceSnapshot.Line> kept = invoice.lines().stream()
                .filter(line -> !(line.proration() && loweredKeys.contains(line.lookupKey()))).toList();
        long dropped = invoice.lines().stream().mapToLong(InvoiceSnapshot.Line::amount).sum()
                - kept.stream().mapToLong(InvoiceSnapshot.Line::amount).sum();
        return new InvoiceSnapshot(invoice.id(), invoice.customerId(), invoice.status(),
                Math.max(0, invoice.amountDue() - dropped), invoice.amountPaid(), invoice.subtotal() - dropped,
                invoice.total() - dropped, invoice.tax(), invoice.discountAmount(), invoice.currency(), kept,
                invoice.dueDate(), invoice.hostedInvoiceUrl(), invoice.invoicePdf(), invoice.number(),
                invoice.created());
    }

    /**
     * The preview as the API shows it: a draft without a number or pages of its own. A subscription that ends at
     * its period's end has nothing left to bill: an empty invoice.
     */
    private Invoice shown(Optional<InvoiceSnapshot> preview, BillingAccount account) {
        return preview.map(InvoiceMirror::shown).orElseGet(() -> new Invoice(RandomIds.next("upcoming_in_"), account.id(),
                "draft", 0, 0, 0, 0, 0, 0, account.currency(), List.of(), null, null, null, null,
                Timestamps.now(clock)));
    }
}
