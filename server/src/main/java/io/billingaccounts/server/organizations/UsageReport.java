package io.billingaccounts.server.organizations;

import java.time.OffsetDateTime;
import java.util.List;

/** What the usage export shows: every organization in tree order with its limits, and the pools' capacity. */
public record UsageReport(String workspaceName, OffsetDateTime madeAt, List<Row> rows, List<Pool> pools) {

    public record Row(String name, int depth, ProductCounts usage, ProductCounts subtreeUsage, LimitReport limits) {
    }

    /** A pool of capacity: a billing account's subscriptions, or the workspace's in pooled mode. */
    public record Pool(String name, ProductCounts capacity, ProductCounts used) {
    }
}
