package io.arbiter.console;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.arbiter.shared.Money;

/** How the console writes amounts, dates, instants and ages in the reader's language ({@code @fmt} in templates). */
@Component("fmt")
public class ConsoleFormat {

    private final ZoneId zone;

    ConsoleFormat(java.time.Clock clock) {
        this.zone = clock.getZone();
    }

    public String money(@Nullable Money money) {
        if (money == null) {
            return "—";
        }
        return amount(money.amount()) + " " + money.currency().getCurrencyCode();
    }

    public String amount(@Nullable BigDecimal amount) {
        if (amount == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMinimumFractionDigits(amount.scale() > 0 ? 2 : 0);
        format.setMaximumFractionDigits(2);
        return format.format(amount);
    }

    /** A ratio or a number of days, to the tenth the KPIs are rounded to ("45.3", "45,3"). */
    public String tenths(@Nullable BigDecimal value) {
        if (value == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    public String instant(@Nullable Instant instant) {
        if (instant == null) {
            return "—";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(dates())
                .format(instant.atZone(zone));
    }

    public String date(java.time.@Nullable LocalDate date) {
        if (date == null) {
            return "—";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(dates()).format(date);
    }

    /** "2 d 3 h", "45 min": how long something has waited, to the unit that matters. */
    public String age(Duration age) {
        boolean french = locale().getLanguage().equals("fr");
        long minutes = Math.max(0, age.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h " + (minutes % 60) + " min";
        }
        return hours / 24 + (french ? " j " : " d ") + hours % 24 + " h";
    }

    /**
     * The style dates are written in: the reader's country's (en-US "Dec 7, 2026", en-GB "7 Dec 2026"); English with
     * no country (picked with {@code ?lang=en}) is written day, month, year as in most of the English-speaking world,
     * not month first as in the United States alone.
     */
    private static Locale dates() {
        Locale locale = locale();
        return locale.getLanguage().equals("en") && locale.getCountry().isEmpty() ? Locale.UK : locale;
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
