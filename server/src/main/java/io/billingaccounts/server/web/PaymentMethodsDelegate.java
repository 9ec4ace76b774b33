package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.PaymentMethodsApiDelegate;
import io.billingaccounts.server.api.model.MessageDto;
import io.billingaccounts.server.api.model.PaymentMethodListDto;
import io.billingaccounts.server.api.model.PaymentMethodSetupDto;
import io.billingaccounts.server.payments.PaymentMethodService;

@Component
public class PaymentMethodsDelegate implements PaymentMethodsApiDelegate {

    private final PaymentMethodService service;

    public PaymentMethodsDelegate(PaymentMethodService service) {
        this.service = service;
    }

    // IdempotencyFilter replays a key's answer; the key also makes every try of the create the same Stripe write.
    @Override
    public ResponseEntity<PaymentMethodSetupDto> createPaymentMethodSetup(String workspaceId, String billingAccountId,
                                                                         String idempotencyKey) {
        return ResponseEntity.status(HttpStatus.CREATED).body(PaymentMethodMapper.toDto(
                service.createSetup(Callers.current(), workspaceId, billingAccountId, idempotencyKey)));
    }

    @Override
    public ResponseEntity<PaymentMethodListDto> listPaymentMethods(String workspaceId, String billingAccountId) {
        var methods = service.list(Callers.current(), workspaceId, billingAccountId).stream()
                .map(PaymentMethodMapper::toDto).toList();
        return ResponseEntity.ok(new PaymentMethodListDto().data(methods).hasMore(false));
    }

    @Override
    public ResponseEntity<MessageDto> setDefaultPaymentMethod(String workspaceId, String billingAccountId,
                                                              String paymentMethodId) {
        service.setDefault(Callers.current(), workspaceId, billingAccountId, paymentMethodId);
        return ResponseEntity.ok(new MessageDto().message("Default payment method updated"));
    }

    @Override
    public ResponseEntity<Void> detachPaymentMethod(String workspaceId, String billingAccountId,
                                                    String paymentMethodId) {
        service.detach(Callers.current(), workspaceId, billingAccountId, paymentMethodId);
        return ResponseEntity.noContent().build();
    }
}
