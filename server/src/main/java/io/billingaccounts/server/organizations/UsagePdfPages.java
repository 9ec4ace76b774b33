package io.billingaccounts.server.organizations;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The usage PDF's pages, written top to bottom in lines: a line that does not fit below the last one starts a new
 * landscape A4 page. Text is drawn in Helvetica, one of the fonts every PDF reader has, so nothing is embedded.
 */
final class UsagePdfPages implements AutoCloseable {

    enum Align {
        LEFT, CENTER, RIGHT
    }

    private static final PDRectangle LANDSCAPE_A4 =
            new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    /** Room kept at the bottom of each page for its number. */
    private static final float FOOTER = 18;
    private static final float FOOTER_FONT_SIZE = 7;

    final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private final PDDocument document = new PDDocument();
    private PDPageContentStream content;
    private int pageCount;
    /** Where the next line's top is, in points from the page's bottom. */
    private float top;

    /** The first page, blank; {@code title} is what readers show for the document. */
    UsagePdfPages(String title) throws IOException {
        document.getDocumentInformation().setTitle(title);
        newPage();
    }

    float left() {
        return MARGIN;
    }

    float width() {
        return LANDSCAPE_A4.getWidth() - 2 * MARGIN;
    }

    /** Whether a line of {@code height} still fits below the last one on the current page. */
    boolean fits(float height) {
        return top - height >= MARGIN + FOOTER;
    }

    /** Starts a new page unless {@code height} more points fit on this one, to keep lines that belong together. */
    void keepTogether(float height) throws IOException {
        if (!fits(height)) {
            newPage();
        }
    }

    void newPage() throws IOException {
        if (pageCount > 0) {
            content.close();
        }
        PDPage page = new PDPage(LANDSCAPE_A4);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        pageCount++;
        top = LANDSCAPE_A4.getHeight() - MARGIN;
        draw("Page " + pageCount, regular, FOOTER_FONT_SIZE, MARGIN, MARGIN, width(), Align.RIGHT);
    }

    /**
     * Moves below a new line of {@code height}, on a new page if it does not fit, and answers the line's baseline
     * for the text drawn on it.
     */
    float nextLine(float height) throws IOException {
        keepTogether(height);
        top -= height;
        // Text sits a quarter of the line above its bottom, room for descenders.
        return top + height / 4;
    }

    /** Leaves {@code height} points empty, unless the page ends first: a new page needs no gap at its top. */
    void skip(float height) {
        top -= Math.min(height, top - MARGIN - FOOTER);
    }

    /** A hairline across the page's width just below the last line. */
    void rule() throws IOException {
        content.setLineWidth(0.5f);
        content.moveTo(MARGIN, top);
        content.lineTo(MARGIN + width(), top);
        content.stroke();
    }

    /**
     * Draws {@code text} on {@code baseline} within the box from {@code x} of {@code boxWidth}, shrunk to fit the
     * box rather than overlap the next one, so a long name stays whole and readable as text.
     */
    void draw(String text, PDType1Font font, float size, float x, float baseline, float boxWidth, Align align)
            throws IOException {
        String shown = encodable(font, text);
        float textWidth = font.getStringWidth(shown) / 1000 * size;
        if (textWidth > boxWidth) {
            size *= boxWidth / textWidth;
            textWidth = boxWidth;
        }
        float start = switch (align) {
            case LEFT -> x;
            case CENTER -> x + (boxWidth - textWidth) / 2;
            case RIGHT -> x + boxWidth - textWidth;
        };
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(start, baseline);
        content.showText(shown);
        content.endText();
    }

    /**
     * {@code text} with every character the font's encoding (WinAnsi, Latin-1 and a few more) lacks replaced by
     * '?': an organization's name may be in any script, and a name must never keep the export from being made.
     */
    static String encodable(PDType1Font font, String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String glyph = font.getGlyphList().codePointToName(c);
            boolean known = !".notdef".equals(glyph) && font.getEncoding().contains(glyph);
            shown.appendCodePoint(known ? c : '?');
        });
        return shown.toString();
    }

    byte[] toBytes() throws IOException {
        content.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        document.close();
    }
}
