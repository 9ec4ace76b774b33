package io.billingaccounts.server.organizations;

/** An organization as the API shows it: with the usage of its subtree, which only the whole tree can sum. */
public record OrganizationView(Organization organization, ProductCounts subtreeUsage) {
}
