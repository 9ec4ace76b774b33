package io.billingaccounts.server.organizations;

import java.io.IOException;
import java.util.List;

import io.billingaccounts.server.organizations.UsagePdfPages.Align;

/**
 * A titled table of the usage PDF. Its first column is text, the others numbers, right-aligned; a header of
 * column groups (one per product) over column labels starts each page the table runs on, so every page reads alone.
 */
final class UsagePdfTable {

    /** A column; consecutive columns of the same non-empty {@code group} share one caption above their labels. */
    record Column(String group, String label, float width) {
    }

    private static final float TITLE_HEIGHT = 20;
    private static final float TITLE_FONT_SIZE = 12;
    private static final float ROW_HEIGHT = 11;
    private static final float FONT_SIZE = 8;
    /** Space kept clear at the left of each number, so wide numbers in adjacent columns never touch. */
    private static final float GAP = 4;

    private final UsagePdfPages pages;
    private final String title;
    private final List<Column> columns;

    UsagePdfTable(UsagePdfPages pages, String title, List<Column> columns) {
        this.pages = pages;
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    /** The title and the header, moved to a new page together unless a first row fits below them. */
    void begin() throws IOException {
        pages.keepTogether(TITLE_HEIGHT + 3 * ROW_HEIGHT);
        float baseline = pages.nextLine(TITLE_HEIGHT);
        pages.draw(title, pages.bold, TITLE_FONT_SIZE, pages.left(), baseline, pages.width(), Align.LEFT);
        header();
    }

    /** One row: {@code cells} in column order, the first indented by {@code indent} points. */
    void row(float indent, List<String> cells) throws IOException {
        if (!pages.fits(ROW_HEIGHT)) {
            pages.newPage();
            header();
        }
        float baseline = pages.nextLine(ROW_HEIGHT);
        float x = pages.left();
        for (int i = 0; i < columns.size(); i++) {
            float width = columns.get(i).width();
            if (i == 0) {
                pages.draw(cells.get(i), pages.regular, FONT_SIZE, x + indent, baseline, width - indent - GAP,
                        Align.LEFT);
            } else {
                pages.draw(cells.get(i), pages.regular, FONT_SIZE, x + GAP, baseline, width - GAP, Align.RIGHT);
            }
            x += width;
        }
    }

    /** The group captions' line, then the labels': a reader, or text extraction, takes them line by line. */
    private void header() throws IOException {
        float baseline = pages.nextLine(ROW_HEIGHT);
        float x = pages.left();
        for (int i = 0; i < columns.size(); i++) {
            String group = columns.get(i).group();
            if (!group.isEmpty() && (i == 0 || !group.equals(columns.get(i - 1).group()))) {
                pages.draw(group, pages.bold, FONT_SIZE, x + GAP, baseline, groupWidth(i) - GAP, Align.CENTER);
            }
            x += columns.get(i).width();
        }
        baseline = pages.nextLine(ROW_HEIGHT);
        x = pages.left();
        for (int i = 0; i < columns.size(); i++) {
            float width = columns.get(i).width();
            if (i == 0) {
                pages.draw(columns.get(i).label(), pages.bold, FONT_SIZE, x, baseline, width - GAP, Align.LEFT);
            } else {
                pages.draw(columns.get(i).label(), pages.bold, FONT_SIZE, x + GAP, baseline, width - GAP,
                        Align.RIGHT);
            }
            x += width;
        }
        pages.rule();
    }

    /** The width of the group that starts at column {@code first}. */
    private float groupWidth(int first) {
        float width = 0;
        for (int i = first; i < columns.size() && columns.get(i).group().equals(columns.get(first).group()); i++) {
            width += columns.get(i).width();
        }
        return width;
    }
}
