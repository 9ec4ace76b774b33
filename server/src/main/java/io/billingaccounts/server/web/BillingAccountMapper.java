package io.billingaccounts.server.web;

import static io.billingaccounts.server.web.PatchFields.change;
import static io.billingaccounts.server.web.PatchFields.valueOf;

import java.util.Set;

import io.billingaccounts.server.api.model.AddressCreateDto;
import io.billingaccounts.server.api.model.AddressDto;
import io.billingaccounts.server.api.model.AddressPatchDto;
import io.billingaccounts.server.api.model.BillingAccountCreateDto;
import io.billingaccounts.server.api.model.BillingAccountDto;
import io.billingaccounts.server.api.model.BillingAccountPatchDto;
import io.billingaccounts.server.api.model.CurrencyDto;
import io.billingaccounts.server.billing.Address;
import io.billingaccounts.server.billing.AddressPatch;
import io.billingaccounts.server.billing.BillingAccount;
import io.billingaccounts.server.billing.BillingAccountPatch;
import io.billingaccounts.server.billing.Change;
import io.billingaccounts.server.billing.NewBillingAccount;

/** Between the generated DTOs and the domain: the only place that knows both. */
final class BillingAccountMapper {

    private static final String CURRENCY = "currency";

    private BillingAccountMapper() {
    }

    /** Tolerates what the wire already refused (a missing address), so that the rules can judge the rest. */
    static NewBillingAccount toNew(BillingAccountCreateDto body) {
        AddressCreateDto a = body.getAddress();
        Address address = a == null ? null : new Address(a.getCountry(), a.getLine1(), valueOf(a.getLine2()),
                a.getCity(), valueOf(a.getState()), valueOf(a.getPostalCode()));
        return new NewBillingAccount(body.getName(), body.getEmail(), valueOf(body.getPhone()),
                valueOf(body.getDescription()), body.getCurrency() == null ? null : body.getCurrency().getValue(),
                address);
    }

    /** {@code otherFields}: fields the request sent that the patch does not have; the currency is one. */
    static BillingAccountPatch toPatch(BillingAccountPatchDto body, Set<String> otherFields) {
        AddressPatchDto a = body.getAddress();
        AddressPatch address = a == null ? null : new AddressPatch(Change.setIfPresent(a.getCountry()),
                Change.setIfPresent(a.getLine1()), change(a.getLine2()), Change.setIfPresent(a.getCity()),
                change(a.getState()), change(a.getPostalCode()));
        return new BillingAccountPatch(Change.setIfPresent(body.getName()), Change.setIfPresent(body.getEmail()),
                change(body.getPhone()), change(body.getDescription()), address, otherFields.contains(CURRENCY));
    }

    /** The patch knows the currency rule; any other field it does not have is the wire's to refuse. */
    static Set<String> fieldsThePatchJudges() {
        return Set.of(CURRENCY);
    }

    static BillingAccountDto toDto(BillingAccount account) {
        Address a = account.address();
        return new BillingAccountDto()
                .id(account.id())
                .workspaceId(account.workspaceId())
                .name(account.name())
                .email(account.email())
                .phone(account.phone())
                .description(account.description())
                .currency(CurrencyDto.fromValue(account.currency()))
                .address(new AddressDto()
                        .country(a.country()).line1(a.line1()).line2(a.line2()).city(a.city()).state(a.state())
                        .postalCode(a.postalCode()))
                .createdAt(account.createdAt())
                .updatedAt(account.updatedAt());
    }
}
