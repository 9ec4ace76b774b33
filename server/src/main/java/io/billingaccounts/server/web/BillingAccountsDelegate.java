package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.BillingAccountsApiDelegate;
import io.billingaccounts.server.api.model.BillingAccount;
import io.billingaccounts.server.api.model.BillingAccountCreate;
import io.billingaccounts.server.api.model.BillingAccountList;
import io.billingaccounts.server.api.model.BillingAccountPatch;
import io.billingaccounts.server.billing.BillingAccountService;

@Component
public class BillingAccountsDelegate implements BillingAccountsApiDelegate {

    private final BillingAccountService service;

    public BillingAccountsDelegate(BillingAccountService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<BillingAccountList> listBillingAccounts(String workspaceId) {
        var accounts = service.list(Callers.current(), workspaceId).stream().map(BillingAccountMapper::toDto).toList();
        return ResponseEntity.ok(new BillingAccountList().data(accounts).hasMore(false));
    }

    // The Idempotency-Key is honoured by IdempotencyFilter before this runs.
    @Override
    public ResponseEntity<BillingAccount> createBillingAccount(String workspaceId, BillingAccountCreate body,
                                                               String idempotencyKey) {
        return withETag(HttpStatus.CREATED,
                service.create(Callers.current(), workspaceId, BillingAccountMapper.toNew(body)));
    }

    @Override
    public ResponseEntity<BillingAccount> getBillingAccount(String workspaceId, String billingAccountId) {
        return withETag(HttpStatus.OK, service.get(Callers.current(), workspaceId, billingAccountId));
    }

    @Override
    public ResponseEntity<BillingAccount> updateBillingAccount(String workspaceId, String billingAccountId,
                                                               BillingAccountPatch body, String ifMatch) {
        return withETag(HttpStatus.OK, service.update(Callers.current(), workspaceId, billingAccountId,
                BillingAccountMapper.toPatch(body), ETags.expectedVersion(ifMatch)));
    }

    @Override
    public ResponseEntity<Void> deleteBillingAccount(String workspaceId, String billingAccountId, String ifMatch) {
        service.delete(Callers.current(), workspaceId, billingAccountId, ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<BillingAccount> withETag(HttpStatus status,
                                                           io.billingaccounts.server.billing.BillingAccount account) {
        return ResponseEntity.status(status).eTag(ETags.of(account.version()))
                .body(BillingAccountMapper.toDto(account));
    }
}
