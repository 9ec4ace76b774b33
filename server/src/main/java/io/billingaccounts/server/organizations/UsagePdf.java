package io.billingaccounts.server.organizations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.organizations.UsagePdfPages.Align;
import io.billingaccounts.server.organizations.UsagePdfTable.Column;

/**
 * The organizations' usage export as a PDF: the pools' capacity, then every organization in tree order, indented
 * by its depth, with its own and subtree usage, its effective capacity and what is left of it per product.
 * Numbers are printed without grouping separators so that they read back from the text as they were reported.
 */
public final class UsagePdf {

    private static final float DEPTH_INDENT = 12;
    private static final float ORGANIZATION_NUMBER_WIDTH = 44;
    private static final float POOL_NUMBER_WIDTH = 60;
    private static final DateTimeFormatter MADE_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx",
            Locale.ROOT);

    private UsagePdf() {
    }

    public static byte[] render(UsageReport report) {
        String title = "Organization usage: " + report.workspaceName();
        try (UsagePdfPages pages = new UsagePdfPages(title)) {
            pages.draw(title, pages.bold, 16, pages.left(), pages.nextLine(22), pages.width(), Align.LEFT);
            pages.draw("Made " + MADE_AT.format(report.madeAt()), pages.regular, 9, pages.left(),
                    pages.nextLine(14), pages.width(), Align.LEFT);
            pages.draw("Own: the organization's own usage. Subtree: with its descendants'. Total: the capacity its"
                            + " subtree may use, the least of its own limit, its ancestors' and its pool's."
                            + " Free: Total less Subtree.", pages.regular, 8, pages.left(), pages.nextLine(12),
                    pages.width(), Align.LEFT);
            pages.skip(10);
            pools(pages, report.pools());
            pages.skip(14);
            organizations(pages, report.rows());
            return pages.toBytes();
        } catch (IOException e) {
            // The document is built and saved in memory: an IOException here is a bug, never an outage.
            throw new UncheckedIOException(e);
        }
    }

    private static void pools(UsagePdfPages pages, List<UsageReport.Pool> pools) throws IOException {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("", "Pool", pages.width() - Product.values().length * 2 * POOL_NUMBER_WIDTH));
        for (Product product : Product.values()) {
            columns.add(new Column(label(product), "Capacity", POOL_NUMBER_WIDTH));
            columns.add(new Column(label(product), "Used", POOL_NUMBER_WIDTH));
        }
        UsagePdfTable table = new UsagePdfTable(pages, "Pools", columns);
        table.begin();
        for (UsageReport.Pool pool : pools) {
            List<String> cells = new ArrayList<>();
            cells.add(pool.name());
            for (Product product : Product.values()) {
                cells.add(Integer.toString(pool.capacity().get(product)));
                cells.add(Integer.toString(pool.used().get(product)));
            }
            table.row(0, cells);
        }
    }

    private static void organizations(UsagePdfPages pages, List<UsageReport.Row> rows) throws IOException {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("", "Organization",
                pages.width() - Product.values().length * 4 * ORGANIZATION_NUMBER_WIDTH));
        for (Product product : Product.values()) {
            for (String label : List.of("Own", "Subtree", "Total", "Free")) {
                columns.add(new Column(label(product), label, ORGANIZATION_NUMBER_WIDTH));
            }
        }
        UsagePdfTable table = new UsagePdfTable(pages, "Organizations", columns);
        table.begin();
        for (UsageReport.Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(row.name());
            for (Product product : Product.values()) {
                ProductLimit limit = limitOf(row, product);
                cells.add(Integer.toString(row.usage().get(product)));
                cells.add(Integer.toString(row.subtreeUsage().get(product)));
                cells.add(Integer.toString(limit.total()));
                cells.add(Integer.toString(limit.free()));
            }
            table.row(row.depth() * DEPTH_INDENT, cells);
        }
    }

    private static ProductLimit limitOf(UsageReport.Row row, Product product) {
        return row.limits().limits().stream().filter(limit -> limit.product() == product).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "organization " + row.name() + " has no " + product.wireName() + " limit"));
    }

    private static String label(Product product) {
        return switch (product) {
            case LOCATIONS -> "Locations";
            case USERS -> "Users";
            case SSO -> "SSO";
        };
    }
}
