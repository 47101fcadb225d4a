package io.arbiter.dunning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * A letter as an A4 PDF, for printing, registered mail or an e-mail attachment: the message as the person sent it,
 * then the legal mentions, which they cannot edit away. The text is plain (what the templates render and the person
 * edits); paragraphs are kept, and a run of lines with {@code |}-separated columns (the invoices' table of
 * {@code {{invoices}}}) is laid out as a table. Nothing in the text is read as markup: it is escaped into XHTML.
 */
@Component
class LetterPdf {

    private static final Pattern COLUMNS = Pattern.compile(" \\| ");
    private static final Pattern AMOUNT = Pattern.compile("^[-€$£]?\\s?[\\d\\s\u00a0\u202f.,]+\\s?(€|%|[A-Z]{3})?$");
    /** What XML 1.0 refuses, which a pasted text may hold. */
    private static final Pattern NOT_XML = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD]");

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
    byte[] render(String language, String title, String text, String legalMentions) {
        String html = "<!DOCTYPE html>\n<html lang=\"" + escape(language) + "\"><head><meta charset=\"UTF-8\"/><title>"
                + escape(title) + "</title><style>" + STYLE + "</style></head><body>" + body(text)
                + (legalMentions.isBlank() ? "" : "<div class=\"mentions\">" + lines(legalMentions.strip()) + "</div>")
                + "</body></html>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
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
}
