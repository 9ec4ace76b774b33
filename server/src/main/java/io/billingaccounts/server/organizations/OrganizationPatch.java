package io.billingaccounts.server.organizations;

import java.util.Map;

import io.billingaccounts.server.billing.Change;
import io.billingaccounts.server.catalog.Product;

/**
 * A merge patch of an organization: {@code name} and {@code externalId} null keep them (the contract never lets
 * them be null); {@code limits} the products whose limit changes (a null value removes it); {@code picture} as
 * sent. Its place in the tree and its billing account never change: the wire refuses them as unknown fields.
 */
public record OrganizationPatch(String name, String externalId, Map<Product, Integer> limits, Change<String> picture,
                                BrandingPatch branding) {
}
