package io.billingaccounts.server.web;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.InvoicesApiDelegate;
import io.billingaccounts.server.api.model.InvoiceDto;
import io.billingaccounts.server.api.model.InvoiceListDto;
import io.billingaccounts.server.api.model.InvoicePreviewRequestDto;
import io.billingaccounts.server.invoices.InvoiceService;
import io.billingaccounts.server.subscriptions.InvoicePreviews;

@Component
public class InvoicesDelegate implements InvoicesApiDelegate {

    private final InvoiceService service;
    private final InvoicePreviews previews;

    public InvoicesDelegate(InvoiceService service, InvoicePreviews previews) {
        this.service = service;
        this.previews = previews;
    }

    @Override
    public ResponseEntity<InvoiceListDto> listInvoices(String workspaceId, String billingAccountId, Integer limit,
                                                       String after, String before) {
        return ResponseEntity.ok(InvoiceMapper.toDto(service.page(Callers.current(), workspaceId, billingAccountId,
                limit, after, before)));
    }

    @Override
    public ResponseEntity<InvoiceDto> previewInvoice(String workspaceId, String billingAccountId,
                                                     InvoicePreviewRequestDto body, String idempotencyKey) {
        return ResponseEntity.ok(InvoiceMapper.toDto(previews.preview(Callers.current(), workspaceId,
                billingAccountId, InvoiceMapper.toRequest(body))));
    }
}
