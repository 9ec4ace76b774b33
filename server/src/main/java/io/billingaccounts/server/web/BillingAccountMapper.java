package io.billingaccounts.server.web;

import org.openapitools.jackson.nullable.JsonNullable;

import io.billingaccounts.server.api.model.AddressCreate;
import io.billingaccounts.server.api.model.BillingAccountCreate;
import io.billingaccounts.server.api.model.Currency;
import io.billingaccounts.server.billing.Address;
import io.billingaccounts.server.billing.AddressPatch;
import io.billingaccounts.server.billing.BillingAccount;
import io.billingaccounts.server.billing.BillingAccountPatch;
import io.billingaccounts.server.billing.Change;
import io.billingaccounts.server.billing.NewBillingAccount;

/** Between the generated DTOs and the domain: the only place that knows both. */
final class BillingAccountMapper {

    private BillingAccountMapper() {
    }

    static NewBillingAccount toNew(BillingAccountCreate body) {
        AddressCreate a = body.getAddress();
        Address address = new Address(a.getCountry(), a.getLine1(), valueOf(a.getLine2()), a.getCity(),
                valueOf(a.getState()), valueOf(a.getPostalCode()));
        return new NewBillingAccount(body.getName(), body.getEmail(), valueOf(body.getPhone()),
                valueOf(body.getDescription()), body.getCurrency() == null ? null : body.getCurrency().getValue(),
                address);
    }

    static BillingAccountPatch toPatch(io.billingaccounts.server.api.model.BillingAccountPatch body) {
        io.billingaccounts.server.api.model.AddressPatch a = body.getAddress();
        AddressPatch address = a == null ? null : new AddressPatch(Change.setIfPresent(a.getCountry()),
                Change.setIfPresent(a.getLine1()), change(a.getLine2()), Change.setIfPresent(a.getCity()),
                change(a.getState()), change(a.getPostalCode()));
        return new BillingAccountPatch(Change.setIfPresent(body.getName()), Change.setIfPresent(body.getEmail()),
                change(body.getPhone()), change(body.getDescription()), address);
    }

    static io.billingaccounts.server.api.model.BillingAccount toDto(BillingAccount account) {
        Address a = account.address();
        return new io.billingaccounts.server.api.model.BillingAccount()
                .id(account.id())
                .workspaceId(account.workspaceId())
                .name(account.name())
                .email(account.email())
                .phone(account.phone())
                .description(account.description())
                .currency(Currency.fromValue(account.currency()))
                .address(new io.billingaccounts.server.api.model.Address()
                        .country(a.country()).line1(a.line1()).line2(a.line2()).city(a.city()).state(a.state())
                        .postalCode(a.postalCode()))
                .createdAt(account.createdAt())
                .updatedAt(account.updatedAt());
    }

    private static <T> T valueOf(JsonNullable<T> field) {
        return field == null ? null : field.orElse(null);
    }

    private static <T> Change<T> change(JsonNullable<T> field) {
        if (field == null || !field.isPresent()) {
            return Change.keep();
        }
        T value = field.get();
        return value == null ? Change.clear() : Change.set(value);
    }
}
