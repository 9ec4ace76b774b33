package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.param.InvoiceLineItemListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionCreateParams.Item.PriceData.Recurring.Interval;
import com.stripe.param.SubscriptionUpdateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An invoice's lines as Stripe pages them: the invoice shows the first 10, {@code GET /v1/invoices/{id}/lines}
 * pages through all of them in the invoice's order. A subscription of more than 10 items (up to 20) makes such an
 * invoice.
 */
class InvoiceLinesApiTest extends EmulatorTest {

    private String customer;

    @BeforeEach
    void customerWithACard() throws StripeException {
        customer = newCustomerWithACard();
    }

    @Test
    void anInvoiceOfTwelveLinesShowsTenAndPagesThroughAllTwelveInOrder() throws StripeException {
        Subscription subscription = stripe.v1().subscriptions().create(ofItems(12).addExpand("latest_invoice").build());

        Invoice invoice = subscription.getLatestInvoiceObject();
        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getAmountPaid()).isEqualTo(IntStream.rangeClosed(1, 12).sum() * 100L);
        List<String> items = subscription.getItems().getData().stream().map(SubscriptionItem::getId).toList();
        assertThat(items).hasSize(12);
        for (Invoice shown : List.of(invoice, stripe.v1().invoices().retrieve(invoice.getId()))) {
            assertThat(shown.getLines().getData()).hasSize(10);
            assertThat(shown.getLines().getHasMore()).isTrue();
            assertThat(shown.getLines().getUrl()).isEqualTo("/v1/invoices/" + invoice.getId() + "/lines");
            assertThat(shown.getLines().getData()).extracting(InvoiceLine::item).containsExactlyElementsOf(items.subList(0, 10));
        }

        StripeCollection<InvoiceLineItem> first = lines(invoice.getId(), InvoiceLineItemListParams.builder().setLimit(5L));
        StripeCollection<InvoiceLineItem> second = lines(invoice.getId(), InvoiceLineItemListParams.builder().setLimit(5L)
                .setStartingAfter(last(first).getId()));
        StripeCollection<InvoiceLineItem> third = lines(invoice.getId(), InvoiceLineItemListParams.builder().setLimit(5L)
                .setStartingAfter(last(second).getId()));
        assertThat(List.of(first.getData().size(), second.getData().size(), third.getData().size())).containsExactly(5, 5, 2);
        assertThat(List.of(first.getHasMore(), second.getHasMore(), third.getHasMore())).containsExactly(true, true, false);
        List<InvoiceLineItem> paged = new ArrayList<>();
        List.of(first, second, third).forEach(page -> paged.addAll(page.getData()));
        assertThat(paged).extracting(InvoiceLine::item).containsExactlyElementsOf(items);
        assertThat(paged.subList(0, 10)).extracting(InvoiceLineItem::getId)
                .containsExactlyElementsOf(invoice.getLines().getData().stream().map(InvoiceLineItem::getId).toList());
        assertThat(paged).extracting(InvoiceLineItem::getInvoice).containsOnly(invoice.getId());
        assertThat(paged.stream().mapToLong(InvoiceLineItem::getAmount).sum()).isEqualTo(invoice.getTotal());

        StripeCollection<InvoiceLineItem> before = lines(invoice.getId(), InvoiceLineItemListParams.builder().setLimit(3L)
                .setEndingBefore(third.getData().get(0).getId()));
        assertThat(before.getData()).extracting(InvoiceLineItem::getId)
                .containsExactlyElementsOf(paged.subList(7, 10).stream().map(InvoiceLineItem::getId).toList());
        assertThat(before.getHasMore()).isTrue();

        StripeCollection<InvoiceLineItem> byDefault = stripe.v1().invoices().lineItems().list(invoice.getId());
        assertThat(byDefault.getData()).hasSize(10);
        assertThat(byDefault.getHasMore()).isTrue();
        assertThat(byDefault.getUrl()).isEqualTo("/v1/invoices/" + invoice.getId() + "/lines");
        List<InvoiceLineItem> all = new ArrayList<>();
        byDefault.autoPagingIterable().forEach(all::add);
        assertThat(all).extracting(InvoiceLine::item).containsExactlyElementsOf(items);
    }

    @Test
    void aShortInvoiceShowsAllItsLinesAndItsListTheSame() throws StripeException {
        Invoice invoice = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_locations_monthly_usd").build())
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_sso_monthly_usd").build())
                .addExpand("latest_invoice").build()).getLatestInvoiceObject();

        StripeCollection<InvoiceLineItem> listed = stripe.v1().invoices().lineItems().list(invoice.getId(),
                InvoiceLineItemListParams.builder().addExpand("data.pricing.price_details.price").build());

        assertThat(invoice.getLines().getHasMore()).isFalse();
        assertThat(listed.getHasMore()).isFalse();
        assertThat(listed.getData()).extracting(InvoiceLineItem::getId)
                .containsExactlyElementsOf(invoice.getLines().getData().stream().map(InvoiceLineItem::getId).toList());
        assertThat(listed.getData().get(0).getPricing().getPriceDetails().getPriceObject().getUnitAmount()).isEqualTo(1000L);
    }

    @Test
    void anUnknownInvoiceCursorOrLimitIsRefusedAsStripeRefusesIt() throws StripeException {
        String invoice = stripe.v1().subscriptions().create(ofItems(11).build()).getLatestInvoice();

        assertThatThrownBy(() -> stripe.v1().invoices().lineItems().list("in_nope"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("No such invoice: 'in_nope'");
                });
        assertThatThrownBy(() -> lines(invoice, InvoiceLineItemListParams.builder().setStartingAfter("il_nope")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("starting_after");
                });
        for (long limit : new long[] {0, 101}) {
            assertThatThrownBy(() -> lines(invoice, InvoiceLineItemListParams.builder().setLimit(limit)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("limit"));
        }
        assertThat(lines(invoice, InvoiceLineItemListParams.builder().setLimit(100L)).getData()).hasSize(11);
    }

    @Test
    void aSubscriptionHasUpToTwentyItems() throws StripeException {
        Subscription twenty = stripe.v1().subscriptions().create(ofItems(20).build());
        assertThat(twenty.getItems().getData()).hasSize(20);
        assertThat(twenty.getItems().getHasMore()).isFalse();
        assertThat(stripe.v1().invoices().lineItems().list(twenty.getLatestInvoice(),
                InvoiceLineItemListParams.builder().setLimit(100L).build()).getData()).hasSize(20);

        assertThatThrownBy(() -> stripe.v1().subscriptions().create(ofItems(21).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("items");
                });
        assertThatThrownBy(() -> stripe.v1().subscriptions().update(twenty.getId(), SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setPrice("price_sso_monthly_usd").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("items"));
    }

    /** Items of prices made for them (a subscription keeps one item a price): $1.00, $2.00 ... a month. */
    private SubscriptionCreateParams.Builder ofItems(int count) {
        SubscriptionCreateParams.Builder params = SubscriptionCreateParams.builder().setCustomer(customer);
        for (int i = 1; i <= count; i++) {
            params.addItem(SubscriptionCreateParams.Item.builder().setPriceData(SubscriptionCreateParams.Item.PriceData
                    .builder().setCurrency("usd").setProduct("prod_locations").setUnitAmount(100L * i)
                    .setRecurring(SubscriptionCreateParams.Item.PriceData.Recurring.builder()
                            .setInterval(Interval.MONTH).build())
                    .build()).build());
        }
        return params;
    }

    private StripeCollection<InvoiceLineItem> lines(String invoice, InvoiceLineItemListParams.Builder params)
            throws StripeException {
        return stripe.v1().invoices().lineItems().list(invoice, params.build());
    }

    private static InvoiceLineItem last(StripeCollection<InvoiceLineItem> page) {
        return page.getData().get(page.getData().size() - 1);
    }

    /** The subscription item a line bills. */
    private static final class InvoiceLine {

        static String item(InvoiceLineItem line) {
            return line.getParent().getSubscriptionItemDetails().getSubscriptionItem();
        }
    }
}
