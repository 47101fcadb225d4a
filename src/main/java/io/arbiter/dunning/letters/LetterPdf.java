package io.arbiter.dunning.letters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.openhtmltopdf.extend.FSTextBreaker;
import com.openhtmltopdf.layout.UrlAwareLineBreakIterator;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * A letter as an A4 PDF, for printing, registered mail or an e-mail attachment: the message as the person sent it,
 * then the legal mentions, which they cannot edit away. The text is plain (what the templates render and the person
 * edits); paragraphs are kept, and a run of lines with {@code |}-separated columns (the invoices' table of
 * {@code {{invoices}}}) is laid out as a table. Nothing in the text is read as markup: it is escaped into XHTML.
 */
@Component
public class LetterPdf {

    private static final Pattern COLUMNS = Pattern.compile(" \\| ");
    private static final Pattern AMOUNT = Pattern.compile("^[-€$£]?\\s?[\\d\\s\u00a0\u202f.,]+\\s?(€|%|[A-Z]{3})?$");
    /** What XML 1.0 refuses, which a pasted text may hold. */
    private static final Pattern NOT_XML = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD]");
    /**
     * A date ({@code 10/03/2025}, {@code 7 Dec 2026}) or an amount with its unit ({@code 15 446,24 €}, {@code 12,15 %},
     * {@code €1,234.56}, {@code 1 234,56 USD}): what a line must never split.
     */
    private static final Pattern WHOLE = Pattern.compile("(?<![\\d/])\\d{1,2}/\\d{1,2}/\\d{2,4}(?![\\d/])"
            + "|(?<!\\d)\\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \\d{4}(?!\\d)"
            + "|(?:[€$£]|\\b[A-Z]{3} )?-?(?<![\\d,.])\\d{1,3}(?:[ \u00a0\u202f,.]\\d{3}(?!\\d))*(?:[.,]\\d{1,2}(?!\\d))?"
            + "(?:[ \u00a0\u202f]?(?:€|%|[A-Z]{3}(?![A-Za-z])))?");

    private static final String STYLE = """
            @page { size: A4; margin: 22mm 20mm 20mm 22mm; }
            body { font-family: sans-serif; font-size: 10.5pt; line-height: 1.35; color: #111; }
            p { margin: 0 0 9pt 0; }
            table { border-collapse: collapse; width: 100%; margin: 2pt 0 10pt 0; font-size: 9pt; }
            th { text-align: left; border-bottom: 0.75pt solid #444; padding: 2pt 4pt; }
            td { border-bottom: 0.5pt solid #bbb; padding: 2pt 4pt; }
            .num { text-align: right; }
            .mentions { margin-top: 18pt; padding-top: 5pt; border-top: 0.5pt solid #888; font-size: 7.5pt; color: #444; }
            """;

    /** The PDF of a letter: its text as sent, then its legal mentions. */
    public byte[] render(String language, String title, String text, String legalMentions) {
        String html = "<!DOCTYPE html>\n<html lang=\"" + escape(language) + "\"><head><meta charset=\"UTF-8\"/><title>"
                + escape(title) + "</title><style>" + STYLE + "</style></head><body>" + body(text)
                + (legalMentions.isBlank() ? "" : "<div class=\"mentions\">" + lines(legalMentions.strip()) + "</div>")
                + "</body></html>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useUnicodeLineBreaker(new KeepingDatesAndAmountsWhole(language));
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Paragraphs split on blank lines; a paragraph whose every line has columns is a table, its first line the head. */
    private static String body(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            List<String> rows = paragraph.lines().toList();
            if (rows.size() > 1 && rows.stream().allMatch(row -> COLUMNS.matcher(row).find())) {
                html.append("<table>");
                String[] first = COLUMNS.split(rows.get(1).strip(), -1);
                for (int i = 0; i < rows.size(); i++) {
                    String cell = i == 0 ? "th" : "td";
                    html.append("<tr>");
                    String[] values = COLUMNS.split(rows.get(i).strip(), -1);
                    for (int c = 0; c < values.length; c++) {
                        String value = values[c];
                        // A column is right-aligned, its head too, when the first invoice's cell is an amount.
                        boolean number = c < first.length && AMOUNT.matcher(first[c].strip()).matches();
                        html.append('<').append(cell).append(number ? " class=\"num\">" : ">").append(escape(value.strip()))
                                .append("</").append(cell).append('>');
                    }
                    html.append("</tr>");
                }
                html.append("</table>");
            } else {
                html.append("<p>").append(lines(paragraph)).append("</p>");
            }
        }
        return html.toString();
    }

    private static String lines(String paragraph) {
        return String.join("<br/>", paragraph.lines().map(LetterPdf::escape).toList());
    }

    private static String escape(String text) {
        return NOT_XML.matcher(text).replaceAll("").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /**
     * Where a line may end: where the renderer's own breaker says (spaces, and slashes so that a long address can wrap),
     * except inside a date or an amount. Its breaker would print "10/" at a line's end and "03/2025" on the next, or
     * "15" then "446,24 €", which no credit manager can send. Removing those break opportunities keeps the text as
     * written, so that the PDF's text reads back in order (the reading a PDF reader, a search or a test makes of it),
     * which wrapping them in no-wrap spans did not.
     */
    static final class KeepingDatesAndAmountsWhole implements FSTextBreaker {

        private final FSTextBreaker lines;
        private final List<int[]> wholes = new ArrayList<>();

        KeepingDatesAndAmountsWhole(String language) {
            lines = new UrlAwareLineBreakIterator(BreakIterator.getLineInstance(Locale.forLanguageTag(language)));
        }

        @Override
        public void setText(String text) {
            lines.setText(text);
            wholes.clear();
            Matcher whole = WHOLE.matcher(text);
            while (whole.find()) {
                wholes.add(new int[] {whole.start(), whole.end()});
            }
        }

        @Override
        public int next() {
            int end = lines.next();
            while (end != BreakIterator.DONE && inside(end)) {
                end = lines.next();
            }
            return end;
        }

        private boolean inside(int offset) {
            return wholes.stream().anyMatch(whole -> whole[0] < offset && offset < whole[1]);
        }
    }
}
