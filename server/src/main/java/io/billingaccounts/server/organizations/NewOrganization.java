package io.billingaccounts.server.organizations;

import java.util.Map;

import io.billingaccounts.server.catalog.Product;

/**
 * An organization to create: {@code externalId} null for a random one, {@code billingAccountId} null when not
 * sent, {@code limits} the products given one (a null value, like an absent product, means none), {@code picture}
 * as sent (an https URL or a data URI) or null.
 */
public record NewOrganization(String name, String externalId, String billingAccountId, Map<Product, Integer> limits,
                              String picture, BrandingPatch branding) {
}
