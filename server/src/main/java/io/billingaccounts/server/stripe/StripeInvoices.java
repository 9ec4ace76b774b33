package io.billingaccounts.server.stripe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.InvoicePayment;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.InvoiceLineItemListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.RefundCreateParams;

/** The invoices Stripe makes for billing accounts' subscriptions. */
@Component
public class StripeInvoices {

    private final StripeClient stripe;
    private final StripeCalls calls;
    private final StripePrices prices;

    StripeInvoices(StripeClient stripe, StripeCalls calls, StripePrices prices) {
        this.stripe = stripe;
        this.calls = calls;
        this.prices = prices;
    }

    /** Empty when Stripe never had it. */
    public Optional<InvoiceSnapshot> retrieve(String invoiceId, Deadline deadline) {
        return calls.find(deadline, options -> stripe.v1().invoices().retrieve(invoiceId, options))
                .map(invoice -> snapshot(invoice, allLines(invoice, deadline),
                        price -> prices.lookupKey(price, deadline)));
    }

    /**
     * Gives back everything the subscription's invoices charged: each payment of each paid invoice is refunded in
     * full, with an Idempotency-Key of its own derived from {@code idempotencyKey}, so running it again refunds
     * nothing twice. Returns the refunded amount, in the invoices' smallest currency unit.
     */
    public long refundAll(String subscriptionId, String idempotencyKey, Deadline deadline) {
        InvoiceListParams invoicesOf = InvoiceListParams.builder().setSubscription(subscriptionId)
                .setStatus(InvoiceListParams.Status.PAID).setLimit(100L).build();
        long refunded = 0;
        for (Invoice invoice : calls.call(deadline, null, options -> stripe.v1().invoices().list(invoicesOf, options))
                .getData()) {
            InvoicePaymentListParams paymentsOf = InvoicePaymentListParams.builder().setInvoice(invoice.getId())
                    .build();
            for (InvoicePayment payment : calls.call(deadline, null,
                    options -> stripe.v1().invoicePayments().list(paymentsOf, options)).getData()) {
                String intent = payment.getPayment() == null ? null : payment.getPayment().getPaymentIntent();
                if (intent == null || !"paid".equals(payment.getStatus())) {
                    continue;
                }
                RefundCreateParams refund = RefundCreateParams.builder().setPaymentIntent(intent).build();
                refunded += StripeCalls.orNothing(failure -> "charge_already_refunded".equals(failure.stripeCode()),
                        () -> calls.call(deadline, idempotencyKey + "/" + intent,
                                options -> stripe.v1().refunds().create(refund, options)))
                        .map(Refund::getAmount).orElse(0L);
            }
        }
        return refunded;
    }

    /**
     * The invoice Stripe would make next for the customer (its invoice preview): for a new subscription of
     * {@code items} when {@code subscriptionId} is null, else for that subscription changed by {@code items}
     * ({@link SubscriptionChanges.ItemChange}: an item id to requantify or remove at quantity 0, a price to add) and
     * cancelled at its period's end if {@code cancelAtPeriodEnd}. Changes are prorated when {@code prorate}.
     * Empty when Stripe has no next invoice to show (a subscription that ends at its period's end). Writes nothing.
     */
    public Optional<InvoiceSnapshot> preview(String customerId, String subscriptionId,
                                             List<SubscriptionChanges.ItemChange> items, boolean cancelAtPeriodEnd,
                                             boolean prorate, Map<String, String> lookupKeysByPrice,
                                             Deadline deadline) {
        InvoiceCreatePreviewParams.SubscriptionDetails.Builder details =
                InvoiceCreatePreviewParams.SubscriptionDetails.builder().setProrationBehavior(prorate
                        ? InvoiceCreatePreviewParams.SubscriptionDetails.ProrationBehavior.CREATE_PRORATIONS
                        : InvoiceCreatePreviewParams.SubscriptionDetails.ProrationBehavior.NONE);
        // StripeSubscriptions.update maps an ItemChange the same way, on purpose: stripe-java makes each endpoint's
        // item parameters a class of its own, with no type in common that one loop could fill.
        for (SubscriptionChanges.ItemChange item : items) {
            InvoiceCreatePreviewParams.SubscriptionDetails.Item.Builder line =
                    InvoiceCreatePreviewParams.SubscriptionDetails.Item.builder();
            if (item.itemId() != null) {
                line.setId(item.itemId());
            } else {
                line.setPrice(item.priceId());
            }
            if (item.quantity() == 0) {
                line.setDeleted(true);
            } else {
                line.setQuantity(item.quantity());
            }
            details.addItem(line.build());
        }
        if (cancelAtPeriodEnd) {
            details.setCancelAtPeriodEnd(true);
        }
        InvoiceCreatePreviewParams.Builder params = InvoiceCreatePreviewParams.builder().setCustomer(customerId)
                .setSubscriptionDetails(details.build());
        if (subscriptionId != null) {
            params.setSubscription(subscriptionId);
        }
        InvoiceCreatePreviewParams built = params.build();
        return StripeCalls.orNothing(failure -> "invoice_upcoming_none".equals(failure.stripeCode()), () -> calls.call(
                        deadline, null, options -> stripe.v1().invoices().createPreview(built, options)))
                .map(preview -> snapshot(preview, firstLines(preview),
                        price -> lookupKeysByPrice.getOrDefault(price, prices.knownLookupKey(price))));
    }

    /** The invoice an event carries, as the event's sender saw it then. */
    public InvoiceSnapshot fromEvent(StripeEvent event, Deadline deadline) {
        return snapshot(event.objectAs(Invoice.class), deadline);
    }

    /** The event's copy of the invoice, for comparing with the mirror: its lines may be only the first page. */
    private InvoiceSnapshot snapshot(Invoice invoice, Deadline deadline) {
        return snapshot(invoice, firstLines(invoice), price -> prices.lookupKey(price, deadline));
    }

    /**
     * The invoice a write's answer carries, its lines' lookup keys taken from the prices the answer names: nothing
     * is read from Stripe after a write, so no failure of a read can hide what the write did. Null when the answer
     * holds only the first page of its lines: the invoice's events then bring it whole.
     */
    InvoiceSnapshot snapshotOfAnswer(Invoice invoice, Map<String, String> lookupKeysByPrice) {
        if (invoice.getLines() != null && Boolean.TRUE.equals(invoice.getLines().getHasMore())) {
            return null;
        }
        return snapshot(invoice, firstLines(invoice),
                price -> lookupKeysByPrice.getOrDefault(price, prices.knownLookupKey(price)));
    }

    private static List<InvoiceLineItem> firstLines(Invoice invoice) {
        return invoice.getLines() == null ? List.of() : invoice.getLines().getData();
    }

    /** Every line of the invoice: Stripe embeds the first page of them, and lists the rest on request. */
    private List<InvoiceLineItem> allLines(Invoice invoice, Deadline deadline) {
        List<InvoiceLineItem> lines = new ArrayList<>(firstLines(invoice));
        boolean more = invoice.getLines() != null && Boolean.TRUE.equals(invoice.getLines().getHasMore());
        while (more && !lines.isEmpty()) {
            InvoiceLineItemListParams page = InvoiceLineItemListParams.builder().setLimit(100L)
                    .setStartingAfter(lines.get(lines.size() - 1).getId()).build();
            StripeCollection<InvoiceLineItem> next = calls.call(deadline, null,
                    options -> stripe.v1().invoices().lineItems().list(invoice.getId(), page, options));
            lines.addAll(next.getData());
            more = Boolean.TRUE.equals(next.getHasMore()) && !next.getData().isEmpty();
        }
        return lines;
    }

    private InvoiceSnapshot snapshot(Invoice invoice, List<InvoiceLineItem> data,
                                     Function<String, String> lookupKey) {
        List<InvoiceSnapshot.Line> lines = data.stream().map(line -> line(line, lookupKey)).toList();
        long tax = invoice.getTotalTaxes() == null ? 0
                : invoice.getTotalTaxes().stream().mapToLong(t -> t.getAmount() == null ? 0 : t.getAmount()).sum();
        long discount = invoice.getTotalDiscountAmounts() == null ? 0 : invoice.getTotalDiscountAmounts().stream()
                .mapToLong(d -> d.getAmount() == null ? 0 : d.getAmount()).sum();
        return new InvoiceSnapshot(invoice.getId(), invoice.getCustomer(), invoice.getStatus(),
                orZero(invoice.getAmountDue()), orZero(invoice.getAmountPaid()), orZero(invoice.getSubtotal()),
                orZero(invoice.getTotal()), tax, discount, invoice.getCurrency(), lines,
                instant(invoice.getDueDate()), invoice.getHostedInvoiceUrl(), invoice.getInvoicePdf(),
                invoice.getNumber(), instant(invoice.getCreated()));
    }

    private static InvoiceSnapshot.Line line(InvoiceLineItem line, Function<String, String> lookupKey) {
        InvoiceLineItem.Pricing pricing = line.getPricing();
        InvoiceLineItem.Pricing.PriceDetails details = pricing == null ? null : pricing.getPriceDetails();
        Long unitAmount = pricing == null || pricing.getUnitAmountDecimal() == null ? null
                : pricing.getUnitAmountDecimal().longValue();
        String price = details == null ? null : details.getPrice();
        boolean proration = line.getParent() != null && line.getParent().getSubscriptionItemDetails() != null
                && Boolean.TRUE.equals(line.getParent().getSubscriptionItemDetails().getProration());
        return new InvoiceSnapshot.Line(line.getId(), line.getDescription(), orZero(line.getAmount()),
                line.getCurrency(), orZero(line.getQuantity()), price, unitAmount,
                price == null ? null : lookupKey.apply(price), proration);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }
}
