package io.arbiter.dunning.letters;

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

    /**
     * For a public body: what it owes for paying late is "intérêts moratoires" (Code de la commande publique
     * L2192-13), never "pénalités", in the tables too.
     */
    Formats forPublicBody() {
        if (!locale.equals(Locale.FRANCE)) {
            return this;
        }
        String[] publicHeaders = headers.clone();
        publicHeaders[5] = "Intérêts moratoires";
        return new Formats(locale, dates, publicHeaders);
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
     * The rate or rates charged and how each is set, to follow "calculated" in a sentence that then names the law (the
     * shipped templates write {@code calculées {{penalty.rates}} ({{penalty.basis}})}). One rate reads as the rate, the
     * ECB rate it is built on and the day it was in force; several (a delay over several half-years, or a public body's
     * invoices late since different half-years) read as the rule, then each rate with the days it was charged for.
     */
    String rates(List<Dues.AppliedRate> rates, boolean publicBody) {
        boolean fr = locale.equals(Locale.FRANCE);
        Dues.AppliedRate first = rates.getFirst();
        String margin = points(first.marginPoints());
        if (rates.size() == 1) {
            if (publicBody) {
                return fr ? "au taux annuel de " + percent(first.ratePercent()) + " : le taux de refinancement de la Banque"
                        + " centrale européenne en vigueur au premier jour du semestre au cours duquel ils ont commencé à"
                        + " courir, le " + date(first.setOn()) + " (" + percent(first.referenceRatePercent()) + "), majoré de "
                        + margin + " points"
                        : "at the annual rate of " + percent(first.ratePercent()) + ": the European Central Bank's main"
                        + " refinancing rate in force on the first day of the half-year in which it started to run, "
                        + date(first.setOn()) + " (" + percent(first.referenceRatePercent()) + "), plus " + margin + " points";
            }
            return fr ? "au taux annuel de " + percent(first.ratePercent()) + " : le taux de refinancement de la Banque"
                    + " centrale européenne en vigueur au " + date(first.setOn()) + " (" + percent(first.referenceRatePercent())
                    + ") majoré de " + margin + " points"
                    : "at the annual rate of " + percent(first.ratePercent()) + ": the European Central Bank's main"
                    + " refinancing rate in force on " + date(first.setOn()) + " (" + percent(first.referenceRatePercent())
                    + ") plus " + margin + " points";
        }
        StringBuilder text = new StringBuilder(publicBody
                ? (fr ? "au taux de refinancement de la Banque centrale européenne en vigueur au premier jour du semestre au"
                        + " cours duquel ils ont commencé à courir, majoré de " + margin + " points, pour toute la durée du"
                        + " retard, soit un taux annuel de "
                        : "at the European Central Bank's main refinancing rate in force on the first day of the half-year"
                        + " in which it started to run, plus " + margin + " points, for the whole delay, that is ")
                : (fr ? "pour chaque semestre au taux de refinancement de la Banque centrale européenne en vigueur à son"
                        + " premier jour (1er janvier ou 1er juillet), majoré de " + margin + " points, soit un taux annuel de "
                        : "for each half-year at the European Central Bank's main refinancing rate in force on its first day"
                        + " (1 January or 1 July), plus " + margin + " points, that is "));
        for (int i = 0; i < rates.size(); i++) {
            Dues.AppliedRate rate = rates.get(i);
            if (i > 0) {
                // A company's rates follow one another; a public body's may run side by side, one per invoice.
                text.append(!publicBody ? (fr ? ", puis de " : ", then ")
                        : i == rates.size() - 1 ? (fr ? " et de " : " and ") : (fr ? ", de " : ", "));
            }
            String days = fr ? " du " + date(rate.from()) + " au " + date(rate.to())
                    : " from " + date(rate.from()) + " to " + date(rate.to());
            text.append(percent(rate.ratePercent())).append(fr || i > 0 ? "" : " a year").append(days);
            if (publicBody) {
                text.append(fr ? " pour les retards ayant commencé à courir au semestre ouvert le " + date(rate.setOn())
                        + ", sur la base du taux de " + percent(rate.referenceRatePercent()) + " en vigueur ce jour-là"
                        : " on delays that started in the half-year from " + date(rate.setOn()) + ", on the rate of "
                        + percent(rate.referenceRatePercent()) + " in force that day");
            } else {
                text.append(fr ? ", sur la base du taux de " + percent(rate.referenceRatePercent()) + " en vigueur au "
                        + date(rate.setOn())
                        : ", on the rate of " + percent(rate.referenceRatePercent()) + " in force on " + date(rate.setOn()));
            }
        }
        return text.toString();
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
