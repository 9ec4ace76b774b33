package io.billingaccounts.server.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import io.billingaccounts.server.catalog.Product;

class UsagePdfTest {

    private static final OffsetDateTime MADE_AT = OffsetDateTime.of(2025, 3, 14, 9, 26, 53, 0, ZoneOffset.UTC);

    @Test
    void showsThePoolsAndEveryOrganizationWithItsNumbers() throws IOException {
        UsageReport report = report("Acme Holdings", List.of(
                row("Acme", 0, counts(1, 2, 0), counts(3, 5, 1), counts(10, 20, 5)),
                row("West", 1, counts(2, 3, 1), counts(2, 3, 1), counts(4, 20, 5)),
                row("Globex", 0, counts(0, 7, 0), counts(0, 7, 0), counts(10, 6, 5))));

        String text = text(UsagePdf.render(report));

        assertThat(text).contains("Organization usage: Acme Holdings", "Made 2025-03-14 09:26:53 +00:00");
        assertThat(lineOf(text, "Main account")).isEqualTo("Main account 10 3 26 12 5 1");
        assertThat(lineOf(text, "Acme")).isEqualTo("Acme 1 3 10 7 2 5 20 15 0 1 5 4");
        assertThat(lineOf(text, "West")).isEqualTo("West 2 2 4 2 3 3 20 17 1 1 5 4");
        // A subtree over its capacity (after a limit was lowered) shows none free, never a negative number.
        assertThat(lineOf(text, "Globex")).isEqualTo("Globex 0 0 10 10 7 7 6 0 0 0 5 5");
        assertThat(text.indexOf("Acme 1")).isLessThan(text.indexOf("West")).isLessThan(text.indexOf("Globex"));
    }

    @Test
    void indentsEachNameByItsDepth() throws IOException {
        UsageReport report = report("Tree", List.of(
                row("Root", 0, counts(0, 0, 0), counts(0, 0, 0), counts(1, 1, 1)),
                row("Child", 1, counts(0, 0, 0), counts(0, 0, 0), counts(1, 1, 1)),
                row("Grandchild", 2, counts(0, 0, 0), counts(0, 0, 0), counts(1, 1, 1)),
                row("Sibling", 0, counts(0, 0, 0), counts(0, 0, 0), counts(1, 1, 1))));

        Map<String, Float> left = leftEdges(UsagePdf.render(report));

        assertThat(left.get("Child") - left.get("Root")).isCloseTo(12f, offset(0.1f));
        assertThat(left.get("Grandchild") - left.get("Root")).isCloseTo(24f,
                offset(0.1f));
        assertThat(left.get("Sibling")).isEqualTo(left.get("Root"));
    }

    @Test
    void aThousandOrganizationsRunOverPagesEachWithTheHeader() throws IOException {
        List<UsageReport.Row> rows = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            rows.add(row("Org %04d".formatted(i), i % 10, counts(i, 1, 0), counts(i, 2, 0), counts(5000, 9, 1)));
        }

        byte[] pdf = UsagePdf.render(report("Big", rows));

        String text = text(pdf);
        assertThat(text).contains("Org 0001 1 1 5000 4999", "Org 1000 1000 1000 5000 4000");
        int previous = -1;
        for (int i = 1; i <= 1000; i++) {
            int at = text.indexOf("Org %04d ".formatted(i));
            assertThat(at).as("row %d, after the one before", i).isGreaterThan(previous);
            previous = at;
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(10);
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(document)).as("page %d", page)
                        .contains("Organization Own Subtree Total Free", "Page " + page);
            }
        }
    }

    @Test
    void replacesWhatHelveticaCannotShowRatherThanFailing() throws IOException {
        UsageReport report = new UsageReport("Café 東京 🚀", MADE_AT,
                List.of(row("東京 Office 🚀", 0, counts(1, 1, 1), counts(1, 1, 1), counts(2, 2, 2)),
                        row("Zürich\tteam", 1, counts(0, 0, 0), counts(0, 0, 0), counts(2, 2, 2))),
                List.of(new UsageReport.Pool("Ünïcødé ☃ pool", counts(2, 2, 2), counts(1, 1, 1))));

        String text = text(UsagePdf.render(report));

        assertThat(text).contains("Organization usage: Café ?? ?", "?? Office ? 1 1 2 1", "Zürich?team",
                "Ünïcødé ? pool");
    }

    @Test
    void everyCharacterEitherEncodesOrBecomesAQuestionMark() {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        IntStream basicPlane = IntStream.range(0, 0x10000).filter(c -> !Character.isSurrogate((char) c));
        IntStream.concat(basicPlane, IntStream.of(0x1F680, 0x1F600, 0x20000)).forEach(c -> {
            String shown = UsagePdfPages.encodable(font, Character.toString(c));
            assertThat(shown).hasSize(1);
            assertThatCode(() -> font.encode(shown)).as("U+%04X", c).doesNotThrowAnyException();
        });
    }

    @Test
    void anEmptyWorkspaceStillMakesAReport() throws IOException {
        String text = text(UsagePdf.render(new UsageReport("Empty", MADE_AT, List.of(), List.of())));

        assertThat(text).contains("Organization usage: Empty", "Pools", "Organizations");
    }

    private static UsageReport report(String workspace, List<UsageReport.Row> rows) {
        return new UsageReport(workspace, MADE_AT, rows,
                List.of(new UsageReport.Pool("Main account", counts(10, 26, 5), counts(3, 12, 1))));
    }

    private static UsageReport.Row row(String name, int depth, ProductCounts own, ProductCounts subtree,
                                       ProductCounts total) {
        List<ProductLimit> limits = Arrays.stream(Product.values())
                .map(product -> new ProductLimit(product, subtree.get(product), own.get(product), null,
                        total.get(product), new LimitBinding(LimitBinding.Kind.WORKSPACE, "Big")))
                .toList();
        return new UsageReport.Row(name, depth, own, subtree, new LimitReport("org_" + name, name, limits));
    }

    private static ProductCounts counts(int locations, int users, int sso) {
        return new ProductCounts(locations, users, sso);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static String lineOf(String text, String start) {
        return text.lines().filter(line -> line.startsWith(start + " ")).findFirst().orElseThrow();
    }

    /** Where each word of the text starts on the page, in points from its left edge. */
    private static Map<String, Float> leftEdges(byte[] pdf) throws IOException {
        Map<String, Float> left = new HashMap<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) throws IOException {
                left.putIfAbsent(text, positions.get(0).getXDirAdj());
                super.writeString(text, positions);
            }
        };
        try (PDDocument document = Loader.loadPDF(pdf)) {
            stripper.getText(document);
        }
        return left;
    }
}
