package io.billingaccounts.server.organizations;

import java.util.List;
import java.util.Map;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.problem.FieldViolation;

/**
 * A merge patch of an organization: {@code name} and {@code externalId} null keep them (the contract never lets
 * them be null); {@code limits} the products whose limit changes (a null value removes it); {@code picture} null
 * keeps it, {@link OrganizationPicture#NONE} removes it. Its place in the tree and its billing account never
 * change: the wire refuses them as unknown fields.
 */
public record OrganizationPatch(String name, String externalId, Map<Product, Integer> limits,
                                OrganizationPicture picture, BrandingPatch branding) {

    /** Every rule the patch breaks whatever organization it is applied to. */
    public List<FieldViolation> violations() {
        return picture == null ? List.of() : picture.violations();
    }
}
