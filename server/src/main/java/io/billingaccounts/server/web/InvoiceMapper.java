package io.billingaccounts.server.web;

import java.util.List;

import io.billingaccounts.server.api.model.CurrencyDto;
import io.billingaccounts.server.api.model.InvoiceDto;
import io.billingaccounts.server.api.model.InvoiceLineDto;
import io.billingaccounts.server.api.model.InvoiceListDto;
import io.billingaccounts.server.api.model.InvoicePreviewRequestDto;
import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.invoices.Invoice;
import io.billingaccounts.server.invoices.InvoicePage;
import io.billingaccounts.server.subscriptions.InvoicePreviewRequest;

/** Between the contract's invoice DTOs and the domain's invoices. */
final class InvoiceMapper {

    private InvoiceMapper() {
    }

    static InvoiceListDto toDto(InvoicePage page) {
        return new InvoiceListDto(page.invoices().stream().map(InvoiceMapper::toDto).toList(), page.hasMore(),
                page.nextCursor(), page.previousCursor());
    }

    /**
     * {@code discount_names} is always empty: the service makes no discounts, and Stripe names one only on its
     * coupon, two expansions away from the invoice ({@code discounts.source.coupon}), which no invoice event
     * carries; filling it would cost a Stripe read per invoice event. {@code discount_amount} shows any discount.
     */
    static InvoiceDto toDto(Invoice i) {
        return new InvoiceDto(i.id(), i.billingAccountId(), InvoiceDto.StatusEnum.fromValue(i.status()),
                amount(i.amountDue()), amount(i.amountPaid()), amount(i.subtotal()), amount(i.total()),
                amount(i.tax()), amount(i.discountAmount()), CurrencyDto.fromValue(i.currency()), i.createdAt(),
                List.of(), i.lines().stream().map(InvoiceMapper::toDto).toList(), i.dueDate(),
                i.hostedInvoiceUrl(), i.invoicePdf(), i.number());
    }

    private static InvoiceLineDto toDto(Invoice.Line line) {
        return new InvoiceLineDto(line.id(), line.description(), amount(line.amount()),
                CurrencyDto.fromValue(line.currency()), amount(line.quantity()), line.priceId(),
                line.unitAmount() == null ? null : amount(line.unitAmount()), line.productName());
    }

    private static Integer amount(long value) {
        return Math.toIntExact(value);
    }

    static InvoicePreviewRequest toRequest(InvoicePreviewRequestDto body) {
        // The generated DTO starts with an empty list: no item sent and none at all read alike.
        List<InvoicePreviewRequest.ItemWanted> items = body.getItems() == null || body.getItems().isEmpty() ? null
                : body.getItems().stream()
                .map(item -> new InvoicePreviewRequest.ItemWanted(Product.fromWire(item.getProductType().getValue()),
                        item.getQuantity()))
                .toList();
        return new InvoicePreviewRequest(body.getSubscriptionId(), items,
                Boolean.TRUE.equals(body.getCancelSubscription()));
    }
}
