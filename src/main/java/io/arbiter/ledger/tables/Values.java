package io.arbiter.ledger.tables;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Reads amounts and dates as ERPs write them. Amounts: {@code 1234.56}, {@code 1234,56}, {@code 1 234,56},
 * {@code 1.234,56}, {@code 1,234.56}, a currency sign, ISO code or sign in letters ({@code kr}, {@code Ft}) or a
 * trailing minus around them; when both '.' and ',' appear the last one is the decimal mark, and a lone one is too.
 * Refused rather than guessed: more than 2 decimals (so a lone separator before 3 digits, {@code 1.234}, which is 1234
 * or 1.234), thousands separators that do not set off 3 digits, an exponent, letters other than a currency (a CR or DR
 * mark would lose the sign). Dates: {@code yyyy-MM-dd} (a time after it is ignored), {@code dd/MM/yyyy},
 * {@code dd.MM.yyyy}, {@code dd-MM-yyyy}, the same with a two-digit year (00-29 are 20xx, 30-99 19xx), {@code ddMMyy}
 * and {@code yyyyMMdd}. Hand-written rather than with formatters: a million rows read two dates and two
 * amounts each.
 */
public final class Values {

    private Values() {
    }

    /** Lower case, without accents, spaces collapsed: how yes/no and terms cells are compared. */
    public static String folded(String raw) {
        return java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /** @throws NumberFormatException with a message for a person */
    public static BigDecimal amount(String raw) {
        String text = raw.strip();
        if (isPlainDecimal(text) && decimalsOf(text) <= 2) {
            return new BigDecimal(text);
        }
        StringBuilder digits = new StringBuilder(text.length());
        StringBuilder letters = new StringBuilder();
        // Where each '.' and ',' falls among the digits, and which it is.
        int[] separatorAt = new int[text.length()];
        char[] separator = new char[text.length()];
        int separators = 0;
        boolean negative = false;
        int digitsBeforeLetters = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                if (digitsBeforeLetters >= 0 && !Character.isLetter(text.charAt(i - 1))) {
                    throw new NumberFormatException("'" + raw + "' is not an amount");
                }
                digitsBeforeLetters = digits.length();
                letters.append(c);
            } else if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '.' || c == ',') {
                separatorAt[separators] = digits.length();
                separator[separators++] = c;
            } else if (c == '-' || c == '(' || c == '\u2212') {
                negative = true;
            } else if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\'' || c == ')' || c == '€'
                    || c == '$' || c == '£' || c == '+')) {
                throw new NumberFormatException("'" + raw + "' is not an amount");
            }
        }
        if (digits.isEmpty()) {
            throw new NumberFormatException("'" + raw + "' is not an amount");
        }
        if (!letters.isEmpty()) {
            boolean withinDigits = digitsBeforeLetters > 0 && digitsBeforeLetters < digits.length();
            if (withinDigits || !isCurrencyCode(letters.toString())) {
                throw notAnAmount(raw, letters.toString(), withinDigits);
            }
        }
        // When both '.' and ',' appear the last one is the decimal mark; a lone one is too. The others group thousands.
        boolean both = false;
        for (int s = 1; s < separators; s++) {
            both |= separator[s] != separator[0];
        }
        int decimalAt = both || separators == 1 ? separatorAt[separators - 1] : -1;
        char decimalMark = decimalAt < 0 ? 0 : separator[separators - 1];
        int groupings = decimalAt < 0 ? separators : separators - 1;
        for (int s = 0; s < groupings; s++) {
            int groupEnd = s + 1 < separators ? separatorAt[s + 1] : digits.length();
            if (separator[s] != separator[0] || separator[s] == decimalMark || groupEnd - separatorAt[s] != 3
                    || separatorAt[0] < 1 || separatorAt[0] > 3) {
                throw new NumberFormatException("'" + raw + "' is not an amount: its thousands separators do not each set"
                        + " off 3 digits");
            }
        }
        String whole = decimalAt < 0 ? digits.toString() : digits.substring(0, decimalAt);
        String fraction = decimalAt < 0 ? "" : digits.substring(decimalAt);
        // "1.234" is 1234 in a French export and 1.234 in an English one: rounded to 1.23 it lost a factor of 1000.
        if (separators == 1 && fraction.length() == 3 && !whole.isEmpty() && whole.length() <= 3 && whole.charAt(0) != '0') {
            throw new NumberFormatException("'" + raw + "' has 3 decimals: is it " + whole + fraction + " or " + whole + "."
                    + fraction + "? Write it with its decimals (" + whole + fraction + ".00 or " + whole + decimalMark
                    + fraction + (decimalMark == '.' ? ",00" : ".00") + ")");
        }
        BigDecimal value = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
        int decimals = value.stripTrailingZeros().scale();
        if (decimals > 2) {
            throw new NumberFormatException("'" + raw + "' has " + decimals + " decimals: amounts are to the cent, write it"
                    + " with 2 decimals at most");
        }
        return negative ? value.negate() : value;
    }

    /** Digits after the decimal point of a plain decimal. */
    private static int decimalsOf(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? 0 : text.length() - dot - 1;
    }

    /**
     * Currency signs written in letters, as Nordic, Polish, Czech, Hungarian, Turkish, Swiss and Romanian ERPs write
     * them after an amount; lower case.
     */
    private static final Set<String> CURRENCY_SIGNS = Set.of("kr", "zł", "kč", "ft", "tl", "fr", "lei", "lv", "kn", "din");

    private static boolean isCurrencyCode(String letters) {
        if (CURRENCY_SIGNS.contains(letters.toLowerCase(Locale.ROOT))) {
            return true;
        }
        try {
            return letters.length() == 3 && Currency.getInstance(letters.toUpperCase(Locale.ROOT)) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Letters that are not a currency code: a credit or debit mark, an exponent, a word. */
    private static NumberFormatException notAnAmount(String raw, String letters, boolean withinDigits) {
        String upper = letters.toUpperCase(Locale.ROOT);
        if (withinDigits) {
            return new NumberFormatException(upper.equals("E") ? "'" + raw + "' is written with an exponent: write the"
                    + " amount in full" : "'" + raw + "' is not an amount");
        }
        if (upper.equals("CR") || upper.equals("DR") || upper.equals("DB")) {
            return new NumberFormatException("'" + raw + "' ends in " + letters + ", a credit or debit mark that is not"
                    + " read: export the amounts signed (a credit with a minus)");
        }
        return new NumberFormatException("'" + raw + "' is not an amount (" + letters + " is not a currency code)");
    }

    private static boolean isPlainDecimal(String text) {
        int n = text.length();
        if (n == 0 || n > 18) {
            return false;
        }
        int start = text.charAt(0) == '-' ? 1 : 0;
        boolean dot = false;
        boolean digit = false;
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    /** @throws DateTimeException with a message for a person */
    public static LocalDate date(String raw) {
        String text = raw.strip();
        int n = text.length();
        try {
            if (n >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
                return LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
            }
            if (n >= 8) {
                char separator = text.charAt(2);
                if ((separator == '/' || separator == '.' || separator == '-') && text.charAt(5) == separator
                        && (n == 10 || n == 8)) {
                    int year = n == 10 ? number(text, 6, 10) : fullYear(number(text, 6, 8));
                    return LocalDate.of(year, number(text, 3, 5), number(text, 0, 2));
                }
                if (n == 8 && allDigits(text)) {
                    return LocalDate.of(number(text, 0, 4), number(text, 4, 6), number(text, 6, 8));
                }
            }
            if (n == 6 && allDigits(text)) {
                return LocalDate.of(fullYear(number(text, 4, 6)), number(text, 2, 4), number(text, 0, 2));
            }
            if (n >= 6 && n <= 9 && (text.indexOf('/') > 0 || text.indexOf('.') > 0)) {
                String[] parts = text.split("[/.]");
                if (parts.length == 3) {
                    int year = Integer.parseInt(parts[2]);
                    return LocalDate.of(year < 100 ? fullYear(year) : year, Integer.parseInt(parts[1]), Integer.parseInt(parts[0]));
                }
            }
        } catch (NumberFormatException | DateTimeException e) {
            throw new DateTimeException("'" + raw + "' is not a date (expected dd/MM/yyyy, dd.MM.yyyy, yyyy-MM-dd or ddMMyy)");
        }
        throw new DateTimeException("'" + raw + "' is not a date (expected dd/MM/yyyy, dd.MM.yyyy, yyyy-MM-dd or ddMMyy)");
    }

    /**
     * A two-digit year as Excel reads it: 00 to 29 are 2000 to 2029, 30 to 99 are 1930 to 1999, so that a customer's
     * "since 01/03/98" is not in 2098.
     */
    private static int fullYear(int twoDigits) {
        return twoDigits < 30 ? 2000 + twoDigits : 1900 + twoDigits;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException();
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
