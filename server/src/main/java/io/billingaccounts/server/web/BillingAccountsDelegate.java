package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.BillingAccountsApiDelegate;
import io.billingaccounts.server.api.model.BillingAccountCreateDto;
import io.billingaccounts.server.api.model.BillingAccountDto;
import io.billingaccounts.server.api.model.BillingAccountListDto;
import io.billingaccounts.server.api.model.BillingAccountPatchDto;
import io.billingaccounts.server.billing.BillingAccount;
import io.billingaccounts.server.billing.BillingAccountPatch;
import io.billingaccounts.server.billing.BillingAccountService;
import io.billingaccounts.server.billing.NewBillingAccount;

/** Bodies reach it checked whole ({@link RequestBodyChecks}); If-Match and ETags are HTTP's, handled here. */
@Component
public class BillingAccountsDelegate implements BillingAccountsApiDelegate {

    private final BillingAccountService service;

    public BillingAccountsDelegate(BillingAccountService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<BillingAccountListDto> listBillingAccounts(String workspaceId) {
        var accounts = service.list(Callers.current(), workspaceId).stream().map(BillingAccountMapper::toDto).toList();
        return ResponseEntity.ok(new BillingAccountListDto().data(accounts).hasMore(false));
    }

    // IdempotencyFilter replays a key's answer; the key also makes every try of the create the same Stripe write.
    @Override
    public ResponseEntity<BillingAccountDto> createBillingAccount(String workspaceId, BillingAccountCreateDto body,
                                                                  String idempotencyKey) {
        return withETag(HttpStatus.CREATED,
                service.create(Callers.current(), workspaceId, CheckedBodies.of(body, NewBillingAccount.class),
                        idempotencyKey));
    }

    @Override
    public ResponseEntity<BillingAccountDto> getBillingAccount(String workspaceId, String billingAccountId) {
        return withETag(HttpStatus.OK, service.get(Callers.current(), workspaceId, billingAccountId));
    }

    @Override
    public ResponseEntity<BillingAccountDto> updateBillingAccount(String workspaceId, String billingAccountId,
                                                                  BillingAccountPatchDto body, String ifMatch) {
        return withETag(HttpStatus.OK, service.update(Callers.current(), workspaceId, billingAccountId,
                CheckedBodies.of(body, BillingAccountPatch.class), ETags.acceptedVersions(ifMatch)));
    }

    @Override
    public ResponseEntity<Void> deleteBillingAccount(String workspaceId, String billingAccountId, String ifMatch) {
        service.delete(Callers.current(), workspaceId, billingAccountId, ETags.acceptedVersions(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<BillingAccountDto> withETag(HttpStatus status, BillingAccount account) {
        return ResponseEntity.status(status).eTag(ETags.of(account.version()))
                .body(BillingAccountMapper.toDto(account));
    }
}
