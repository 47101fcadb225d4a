package io.arbiter.ledger;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads amounts and dates as ERPs write them. Amounts: {@code 1234.56}, {@code 1234,56}, {@code 1 234,56},
 * {@code 1.234,56}, {@code 1,234.56}, a currency sign or a trailing minus around them; when both '.' and ',' appear the
 * last one is the decimal mark, and a lone ',' is a decimal comma. Dates: {@code yyyy-MM-dd} (a time after it is
 * ignored), {@code dd/MM/yyyy}, {@code dd.MM.yyyy}, {@code dd-MM-yyyy}, the same with a two-digit year (00-29 are 20xx, 30-99 19xx),
 * {@code ddMMyy} and {@code yyyyMMdd}. Hand-written rather than with formatters: a million rows read two dates and two
 * amounts each.
 */
final class Values {

    private Values() {
    }

    /** @throws NumberFormatException with a message for a person */
    static BigDecimal amount(String raw) {
        String text = raw.strip();
        if (isPlainDecimal(text)) {
            return new BigDecimal(text);
        }
        StringBuilder digits = new StringBuilder(text.length());
        boolean negative = false;
        int lastDot = -1;
        int lastComma = -1;
        int dots = 0;
        int commas = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '.') {
                lastDot = digits.length();
                dots++;
            } else if (c == ',') {
                lastComma = digits.length();
                commas++;
            } else if (c == '-' || c == '(' || c == '\u2212') {
                negative = true;
            } else if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\'' || c == ')' || c == '€'
                    || c == '$' || c == '£' || c == '+' || Character.isLetter(c) && i >= text.length() - 3)) {
                throw new NumberFormatException("'" + raw + "' is not an amount");
            }
        }
        if (digits.isEmpty()) {
            throw new NumberFormatException("'" + raw + "' is not an amount");
        }
        int decimalAt = -1;
        if (dots > 0 && commas > 0) {
            decimalAt = Math.max(lastDot, lastComma);
        } else if (commas == 1) {
            decimalAt = lastComma;
        } else if (dots == 1) {
            decimalAt = lastDot;
        }
        String number = decimalAt < 0 ? digits.toString()
                : digits.substring(0, decimalAt) + "." + digits.substring(decimalAt);
        if (number.startsWith(".")) {
            number = "0" + number;
        }
        BigDecimal value = new BigDecimal(number);
        return negative ? value.negate() : value;
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
    static LocalDate date(String raw) {
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
