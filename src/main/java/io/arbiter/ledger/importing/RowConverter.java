package io.arbiter.ledger.importing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.arbiter.law.Debtor;
import io.arbiter.law.PaymentTermCheck;
import io.arbiter.ledger.tables.Table;
import io.arbiter.shared.CompanyKey;
import io.arbiter.law.PaymentTerms;

/**
 * Turns one row of the file into one line of PostgreSQL COPY text for the staging table, checking every cell against
 * its field: a row with any error is reported cell by cell and not staged. It also screens the rows' natural keys for
 * repeats ({@link RepeatedKeys}) and, for invoices, appends the row's hash, both computed here on the client's core
 * rather than over the whole staging table in the database, where they cost more than the staging.
 */
final class RowConverter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** What a file may say of a customer, its account first: the columns of {@code ledger_stage_customer}. */
    static final List<String> CUSTOMER_FIELDS = List.of("account", "customerName", "registrationNumber", "country", "group",
            "salesperson", "activity", "paymentTermsDays", "customerSince", "publicSector", "postalAddress");

    private final ImportPlan plan;
    private final RowErrors errors;
    private final Object[] values;
    /** Each value's COPY text, made once: both the staged line and the row hash need it. */
    private final @Nullable String[] texts;
    private final int issue;
    private final int due;
    private final int amount;
    private final int open;
    private final int terms;
    private final int termsDays;
    private final int publicSector;
    private final int registration;
    private final int country;
    private final int entity;
    /** The currency's position for files whose entities the import creates (invoices, open orders); else -1. */
    private final int entityCurrency;
    private final int key;
    private final int account;
    private final RepeatedKeys keys = new RepeatedKeys();
    /** For files that carry customers (customers, invoices): the positions of {@link #CUSTOMER_FIELDS}; else null. */
    private final int @Nullable [] customerFields;
    /** Each account's customer values (as text, in {@link #CUSTOMER_FIELDS}' order) from its last row, which wins. */
    private final Map<String, @Nullable String[]> lastCustomerOfAccount = new HashMap<>();
    /** For files that carry entities (invoices, open orders): each entity's currency, the least in the file. */
    private final Map<String, String> currencyOfEntity = new HashMap<>();
    /** For invoices, the positions of the values their row hash covers; null for other kinds. */
    private final int @Nullable [] hashed;
    private final @Nullable MessageDigest md5;
    private final StringBuilder hashInput = new StringBuilder(128);

    /** Rows accepted but worth a person's look: terms beyond the legal maximum (LME). */
    private final RowErrors flags;

    RowConverter(ImportPlan plan, RowErrors errors) {
        this.plan = plan;
        this.errors = errors;
        this.flags = new RowErrors(errors.kept());
        this.values = new Object[plan.fields().size()];
        this.texts = new String[plan.fields().size()];
        boolean invoices = plan.kind() == ImportKind.INVOICES;
        this.issue = invoices ? plan.position("issueDate") : -1;
        this.due = invoices ? plan.position("dueDate") : -1;
        this.amount = invoices ? plan.position("amount") : -1;
        this.open = invoices ? plan.position("openAmount") : -1;
        this.terms = invoices ? plan.position("terms") : -1;
        this.termsDays = invoices ? plan.position("paymentTermsDays") : -1;
        this.publicSector = invoices ? plan.position("publicSector") : -1;
        this.registration = invoices ? plan.position("registrationNumber") : -1;
        this.country = invoices ? plan.position("country") : -1;
        this.entity = plan.kind() == ImportKind.CUSTOMERS ? -1 : plan.position("entity");
        this.entityCurrency = invoices || plan.kind() == ImportKind.OPEN_ORDERS ? plan.position("currency") : -1;
        this.key = plan.position(plan.kind().keyField());
        this.customerFields = plan.kind() == ImportKind.CUSTOMERS || invoices
                ? CUSTOMER_FIELDS.stream().mapToInt(plan::position).toArray() : null;
        this.account = plan.position("account");
        this.hashed = invoices ? new int[] {account, issue, due, amount, open, plan.position("currency")}
                : null;
        try {
            this.md5 = invoices ? MessageDigest.getInstance("MD5") : null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /**
     * The customers of the file, one per account, with the values of the account's last row (which win), as text
     * (null when empty) in {@link #CUSTOMER_FIELDS}' order; empty for files that carry no customers.
     */
    Collection<@Nullable String[]> customers() {
        return lastCustomerOfAccount.values();
    }

    /** For files that carry entities, each entity of the file with its currency (the least one the file gives it). */
    Map<String, String> entities() {
        return currencyOfEntity;
    }

    /** Whether two converted rows may have the same natural key (if not, none has). */
    boolean keysMayRepeat() {
        return keys.anyMayRepeat();
    }

    /** Appends the row's COPY line to {@code out} and returns true, or reports its errors and returns false. */
    boolean convert(Table.Row row, StringBuilder out) {
        long before = errors.count();
        List<ImportField> fields = plan.fields();
        for (int i = 0; i < fields.size(); i++) {
            ImportField field = fields.get(i);
            String raw = plan.index()[i] >= 0 ? row.cell(plan.index()[i]) : plan.defaults()[i];
            if (raw == null || raw.isBlank()) {
                values[i] = null;
                if (field.required() && field.standIns().isEmpty()) {
                    errors.add(row.number(), plan.columnNames()[i], "", field.name() + " is mandatory and empty");
                }
                continue;
            }
            try {
                values[i] = CellValues.parse(field, raw.strip());
            } catch (IllegalArgumentException | DateTimeException e) {
                values[i] = null;
                errors.add(row.number(), plan.columnNames()[i], raw, e.getMessage());
            }
        }
        if (issue >= 0 && values[due] == null && values[issue] instanceof LocalDate issued
                && values[terms] instanceof CellValues.Terms given) {
            values[due] = PaymentTerms.dueDate(issued, given.days(), given.endOfMonth());
        } else if (issue >= 0 && values[due] == null && values[issue] instanceof LocalDate issued
                && values[termsDays] instanceof Integer days) {
            values[due] = PaymentTerms.dueDate(issued, days, false);
        }
        if (issue >= 0 && values[due] == null && errors.count() == before) {
            errors.add(row.number(), plan.columnNames()[due], "", "dueDate is mandatory and empty: give the due date, or the"
                    + " payment terms (e.g. '30 jours', '45 jours fin de mois') to compute it from the invoice date");
        }
        if (issue >= 0 && values[issue] instanceof LocalDate issued && values[due] instanceof LocalDate dueOn
                && dueOn.isBefore(issued)) {
            errors.add(row.number(), plan.columnNames()[due], dueOn.toString(), "the due date is before the invoice date " + issued);
        }
        if (open >= 0 && values[open] instanceof BigDecimal openAmount && values[amount] instanceof BigDecimal total
                && openAmount.compareTo(total) > 0) {
            errors.add(row.number(), plan.columnNames()[open], openAmount.toPlainString(),
                    "the amount left to pay is larger than the invoice amount " + total.toPlainString());
        }
        if (errors.count() > before) {
            return false;
        }
        if (issue >= 0 && values[issue] instanceof LocalDate issued && values[due] instanceof LocalDate dueOn) {
            Debtor debtor = publicBody() ? Debtor.PUBLIC_BODY : Debtor.BUSINESS;
            PaymentTermCheck check = PaymentTerms.check(issued, dueOn, debtor);
            if (!check.compliant()) {
                flags.add(row.number(), plan.columnNames()[due], dueOn.toString(), "terms beyond the legal maximum: due "
                        + java.time.temporal.ChronoUnit.DAYS.between(issued, dueOn) + " days after the invoice date, "
                        + "latest allowed " + check.latestCompliantDueDate() + (debtor == Debtor.PUBLIC_BODY
                                ? " (30 days for a public body, R2192-10)"
                                : " (60 days from the invoice or 45 days end of month, Code de commerce L441-10)"));
            }
        }
        keys.add(entity < 0 ? "" : (String) values[entity], (String) values[key]);
        out.append(row.number());
        for (int i = 0; i < values.length; i++) {
            texts[i] = values[i] == null ? null : CopyText.of(values[i]);
            out.append('\t');
            if (texts[i] == null) {
                out.append("\\N");
            } else if (values[i] instanceof String text) {
                CopyText.escape(text, out);
            } else {
                out.append(texts[i]);
            }
        }
        if (hashed != null && md5 != null) {
            out.append('\t');
            appendRowHash(hashed, md5, out);
        }
        if (customerFields != null) {
            String[] customer = lastCustomerOfAccount.computeIfAbsent(texts[customerFields[0]],
                    k -> new String[customerFields.length]);
            for (int i = 0; i < customerFields.length; i++) {
                customer[i] = texts[customerFields[i]];
            }
        }
        if (entityCurrency >= 0) {
            currencyOfEntity.merge(texts[entity], texts[entityCurrency],
                    (kept, other) -> kept.compareTo(other) <= 0 ? kept : other);
        }
        out.append('\n');
        return true;
    }

    /**
     * What an invoice's row hash covers: every imported value but its keys (entity, number). The text hashed is
     * PostgreSQL's {@code concat_ws('|', account, issue_date, due_date, amount, open_amount, currency)} of the stored
     * values, so that hashes stored by earlier versions, which computed it in SQL, still match.
     */
    private void appendRowHash(int[] hashed, MessageDigest md5, StringBuilder out) {
        hashInput.setLength(0);
        for (int position : hashed) {
            if (texts[position] != null) {
                if (!hashInput.isEmpty()) {
                    hashInput.append('|');
                }
                hashInput.append(texts[position]);
            }
        }
        // Hex digits by table: HexFormat took a tenth of the reader's time in a profile of a million-row import.
        for (byte b : md5.digest(hashInput.toString().getBytes(StandardCharsets.UTF_8))) {
            out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    /** Rows accepted with a legal flag (terms beyond the LME maximum), the first ones and how many in all. */
    RowErrors flags() {
        return flags;
    }

    /** The values of the row just converted, for the dry run's preview. */
    Map<String, Object> preview(long row) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                shown.put(plan.fields().get(i).name(), CopyText.of(values[i]));
            }
        }
        return Map.of("row", row, "values", shown);
    }

    /**
     * Whether the row's customer is a public body, as the ledger will store it (CustomerMerge): the public-sector
     * column when the file has one, else a French SIREN starting with 1 or 2 (the State, local authorities, public
     * establishments), whose terms may not exceed 30 days (R2192-10) where a company's may reach 60.
     */
    private boolean publicBody() {
        if (publicSector >= 0 && values[publicSector] instanceof Boolean flag) {
            return flag;
        }
        if (registration < 0 || !(values[registration] instanceof String number)) {
            return false;
        }
        String countryCode = country >= 0 && values[country] instanceof String code ? code : "FR";
        return CompanyKey.of(countryCode, number)
                .filter(company -> company.country().equals("FR") && company.company().matches("[12][0-9]{8}")).isPresent();
    }
}
