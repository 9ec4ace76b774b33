package io.billingaccounts.server.web;

import io.billingaccounts.server.api.model.PaymentMethodDto;
import io.billingaccounts.server.api.model.PaymentMethodSetupDto;
import io.billingaccounts.server.payments.PaymentMethod;
import io.billingaccounts.server.payments.PaymentMethodSetup;

/** Between the generated DTOs of payment methods and the domain: the only place that knows both. */
final class PaymentMethodMapper {

    private PaymentMethodMapper() {
    }

    static PaymentMethodDto toDto(PaymentMethod method) {
        return new PaymentMethodDto()
                .id(method.id())
                .type(PaymentMethodDto.TypeEnum.fromValue(method.type()))
                .isDefault(method.isDefault())
                .brand(method.brand())
                .last4(method.last4())
                .expMonth(method.expMonth())
                .expYear(method.expYear())
                .name(method.name())
                .bankName(method.bankName());
    }

    static PaymentMethodSetupDto toDto(PaymentMethodSetup setup) {
        return new PaymentMethodSetupDto().clientSecret(setup.clientSecret()).publishableKey(setup.publishableKey());
    }
}
