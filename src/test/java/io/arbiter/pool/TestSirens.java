package io.arbiter.pool;

import java.util.concurrent.ThreadLocalRandom;

/** Random Luhn-valid SIRENs, so that each test's customers are its own in a schema shared by the whole run. */
final class TestSirens {

    private TestSirens() {
    }

    static String random() {
        String base = String.format("%08d", ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000));
        for (int check = 0; check <= 9; check++) {
            if (luhn(base + check)) {
                return base + check;
            }
        }
        throw new IllegalStateException("a Luhn check digit always exists");
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
