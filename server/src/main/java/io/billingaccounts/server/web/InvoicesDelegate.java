package io.billingaccounts.server.web;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.InvoicesApiDelegate;
import io.billingaccounts.server.api.model.InvoiceListDto;
import io.billingaccounts.server.invoices.InvoiceService;

@Component
public class InvoicesDelegate implements InvoicesApiDelegate {

    private final InvoiceService service;

    public InvoicesDelegate(InvoiceService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<InvoiceListDto> listInvoices(String workspaceId, String billingAccountId, Integer limit,
                                                       String after, String before) {
        return ResponseEntity.ok(InvoiceMapper.toDto(service.page(Callers.current(), workspaceId, billingAccountId,
                limit, after, before)));
    }
}
