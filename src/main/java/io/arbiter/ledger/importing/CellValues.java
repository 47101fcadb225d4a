package io.arbiter.ledger.importing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import io.arbiter.ledger.tables.Values;

/**
 * One cell of an import file read as its field's type, or refused with a message a person can act on (thrown as an
 * {@link IllegalArgumentException} or a {@link DateTimeException}, which {@link RowConverter} reports for the cell).
 */
final class CellValues {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final BigDecimal LARGEST = new BigDecimal("9999999999999.99");
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2200, 1, 1);

    private CellValues() {
    }

    /** Payment terms as a row gives them. */
    record Terms(int days, boolean endOfMonth) {

        @Override
        public String toString() {
            return days + (endOfMonth ? " end of month" : " net");
        }
    }

    static Object parse(ImportField field, String raw) {
        return switch (field.type()) {
            case TEXT -> raw;
            case AMOUNT, POSITIVE_AMOUNT -> amount(field, raw);
            case DATE -> {
                LocalDate date = Values.date(raw);
                if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                    throw new DateTimeException("'" + raw + "' is not a plausible date");
                }
                yield date;
            }
            case DAYS -> {
                int days;
                try {
                    // ERPs write terms with their unit: "30", "30j", "45 jours", "60 days".
                    days = Values.amount(raw.strip().replaceFirst("(?i)\\s*(j|jours?|d|days?)$", "")).intValueExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("'" + raw + "' is not a whole number of days");
                }
                if (days < 0 || days > 365) {
                    throw new IllegalArgumentException("payment terms must be 0 to 365 days");
                }
                yield days;
            }
            case YES_NO -> {
                String answer = Values.folded(raw);
                if (answer.matches("oui|o|yes|y|true|vrai|1|x")) {
                    yield Boolean.TRUE;
                }
                if (answer.matches("non|n|no|false|faux|0|-")) {
                    yield Boolean.FALSE;
                }
                throw new IllegalArgumentException("'" + raw + "' is not yes or no (oui/non, yes/no, 1/0)");
            }
            case TERMS -> {
                String folded = Values.folded(raw);
                var matcher = java.util.regex.Pattern.compile(
                        "(?:net\\s*)?(\\d{1,3})\\s*(?:j|jours?|d|days?)?\\s*(?:net)?\\s*(fin de mois|fdm|fm|eom|end of month)?")
                        .matcher(folded);
                if (!matcher.matches() || Integer.parseInt(matcher.group(1)) > 365) {
                    throw new IllegalArgumentException("'" + raw + "' is not payment terms: write days net ('30 jours',"
                            + " 'net 60') or days end of month ('45 jours fin de mois', '45 FDM', '30 EOM')");
                }
                yield new Terms(Integer.parseInt(matcher.group(1)), matcher.group(2) != null);
            }
            case CURRENCY -> {
                String code = raw.toUpperCase(Locale.ROOT);
                Currency currency;
                try {
                    currency = Currency.getInstance(code);
                } catch (IllegalArgumentException e) {
                    currency = null;
                }
                // XXX (no currency), XAU (gold), XTS (testing)... are ISO codes but no invoice is in them.
                if (currency == null || currency.getDefaultFractionDigits() < 0) {
                    throw new IllegalArgumentException("unknown currency '" + raw + "' (expected an ISO 4217 code such as EUR)");
                }
                yield currency.getCurrencyCode();
            }
            case COUNTRY -> {
                String code = raw.toUpperCase(Locale.ROOT);
                if (!COUNTRIES.contains(code)) {
                    throw new IllegalArgumentException("unknown country '" + raw + "' (expected an ISO 3166 code such as FR)");
                }
                yield code;
            }
        };
    }

    private static BigDecimal amount(ImportField field, String raw) {
        // Values refuses more than 2 decimals: nothing is rounded.
        BigDecimal value = Values.amount(raw).setScale(2, RoundingMode.UNNECESSARY);
        if (value.abs().compareTo(LARGEST) > 0) {
            throw new IllegalArgumentException("'" + raw + "' is too large an amount");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative amount not allowed for " + field.name()
                    + (field.name().equals("amount") ? " (import credit notes as kind credit-notes)" : ""));
        }
        if (value.signum() == 0 && field.type() == FieldType.POSITIVE_AMOUNT) {
            throw new IllegalArgumentException(field.name() + " must be above zero");
        }
        return value;
    }
}
