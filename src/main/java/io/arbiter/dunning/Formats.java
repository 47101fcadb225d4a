package io.arbiter.dunning;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.arbiter.dunning.DunningApi.InvoiceDue;
import io.arbiter.dunning.DunningApi.LatePaidDue;
import io.arbiter.shared.Money;

/**
 * How amounts, dates and the invoices table read in each language of the templates.
 *
 * @param headers the table's columns, then what the days-late column says of an invoice not yet due
 */
record Formats(Locale locale, DateTimeFormatter dates, String[] headers) {

    static Formats of(String language) {
        return language.equals("fr")
                ? new Formats(Locale.FRANCE, DateTimeFormatter.ofPattern("dd/MM/yyyy"),
                        new String[] {"Facture", "Date", "Échéance", "Jours de retard", "Restant dû", "Pénalités", "Indemnité",
                                "à échoir"})
                : new Formats(Locale.UK, DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK),
                        new String[] {"Invoice", "Date", "Due", "Days late", "Outstanding", "Interest", "Indemnity",
                                "not yet due"});
    }

    String date(LocalDate date) {
        return dates.format(date);
    }

    /** {@code 1 234,56 €} in French, {@code €1,234.56} in English; other currencies by their code. */
    String money(Money money) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        if (locale.equals(Locale.FRANCE)) {
            symbols.setGroupingSeparator(' ');
        }
        String amount = new DecimalFormat("#,##0.00", symbols).format(money.amount());
        String code = money.currency().getCurrencyCode();
        boolean euro = code.equals("EUR");
        if (locale.equals(Locale.FRANCE)) {
            return amount + " " + (euro ? "€" : code);
        }
        return (euro ? "€" : code + " ") + amount;
    }

    /** {@code 12,15 %} in French, {@code 12.15%} in English. */
    String percent(BigDecimal rate) {
        String number = new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(locale)).format(rate);
        return locale.equals(Locale.FRANCE) ? number + " %" : number + "%";
    }

    /** Percentage points, as whole numbers when they are: {@code 10}. */
    String points(BigDecimal points) {
        return new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(locale)).format(points);
    }

    /**
     * The invoices without interest or indemnity columns: for messages that claim neither (a reminder, a call), where
     * showing amounts not claimed would confuse the customer.
     */
    String dueTable(List<InvoiceDue> invoices) {
        StringBuilder table = new StringBuilder(String.join(" | ", headers[0], headers[1], headers[2], headers[3], headers[4]));
        for (InvoiceDue invoice : invoices) {
            table.append('\n').append(String.join(" | ", invoice.number(), date(invoice.issueDate()), date(invoice.dueDate()),
                    lateness(invoice), money(invoice.openAmount())));
        }
        return table.toString();
    }

    /** One line per invoice, columns separated by {@code |}: what a letter or an email shows as a table. */
    String invoiceTable(List<InvoiceDue> invoices) {
        // Seven columns: the last header is the word the days-late column shows for a sum not yet due.
        StringBuilder table = new StringBuilder(String.join(" | ", java.util.Arrays.copyOf(headers, 7)));
        for (InvoiceDue invoice : invoices) {
            table.append('\n').append(String.join(" | ", invoice.number(), date(invoice.issueDate()), date(invoice.dueDate()),
                    lateness(invoice), money(invoice.openAmount()), money(invoice.interest()),
                    invoice.indemnity() == null ? "-" : money(invoice.indemnity())));
        }
        return table.toString();
    }

    /**
     * The parts paid late, claimed: a title, one line per part (invoice, due date, payment day, days late, amount paid,
     * interest, indemnity) and their total, after a blank line so that it follows the invoices' table in a letter.
     */
    String latePaidBlock(List<LatePaidDue> parts, Money total) {
        boolean fr = locale.equals(Locale.FRANCE);
        StringBuilder block = new StringBuilder(fr
                ? "\n\nFactures réglées après leur échéance (intérêts de retard dus jusqu'au jour du paiement) :\n"
                        + "Facture | Échéance | Payée le | Jours de retard | Montant payé | Intérêts | Indemnité"
                : "\n\nInvoices paid after their due date (interest due until the day of payment):\n"
                        + "Invoice | Due | Paid on | Days late | Amount paid | Interest | Indemnity");
        for (LatePaidDue part : parts) {
            block.append('\n').append(String.join(" | ", part.number(), date(part.dueDate()), date(part.paidOn()),
                    String.valueOf(part.daysLate()), money(part.paid()), money(part.interest()),
                    part.indemnity() == null ? "-" : money(part.indemnity())));
        }
        return block.append(fr ? "\n\nIntérêts et indemnités sur paiements tardifs : " : "\n\nInterest and indemnities on late payments: ")
                .append(money(total)).toString();
    }

    /** Days late, or "not yet due" (in a claim declaration, the sums "à échoir" the law asks to list, L622-25). */
    private String lateness(InvoiceDue invoice) {
        return invoice.notYetDue() ? headers[7] : String.valueOf(invoice.daysLate());
    }
}
