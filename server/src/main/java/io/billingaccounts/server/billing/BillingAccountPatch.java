package io.billingaccounts.server.billing;

/**
 * A JSON merge patch of a billing account, already read from the wire. {@code address} is null when the patch
 * leaves the address alone. Clearing name, email or a required address field is refused by the rules.
 */
public record BillingAccountPatch(Change<String> name, Change<String> email, Change<String> phone,
                                  Change<String> description, AddressPatch address) {
}
