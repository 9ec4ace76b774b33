package io.billingaccounts.server.organizations;

import java.util.List;
import java.util.Map;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.problem.FieldViolation;

/**
 * An organization to create: {@code externalId} null for a random one, {@code billingAccountId} null when not
 * sent, {@code limits} the products given one (a null value, like an absent product, means none), {@code picture}
 * as sent ({@link OrganizationPicture#NONE} when none was).
 */
public record NewOrganization(String name, String externalId, String billingAccountId, Map<Product, Integer> limits,
                              OrganizationPicture picture, BrandingPatch branding) {

    /** Every rule the request breaks whatever the tree it joins; the billing account is judged against the tree. */
    public List<FieldViolation> violations() {
        return picture.violations();
    }
}
