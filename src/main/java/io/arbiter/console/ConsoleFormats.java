package io.arbiter.console;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.arbiter.shared.Money;

/**
 * Amounts and dates as the reader's language writes them ({@code 12 345,67 €} in French, {@code €12,345.67} in
 * English); templates call it as {@code ${@fmt.money(amount)}}, which needs it and its methods public.
 */
@Component("fmt")
public class ConsoleFormats {

    public String money(@Nullable Money money) {
        if (money == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(LocaleContextHolder.getLocale());
        format.setCurrency(money.currency());
        return format.format(money.amount());
    }

    public String number(@Nullable BigDecimal number, int decimals) {
        if (number == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(LocaleContextHolder.getLocale());
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return format.format(number);
    }

    public String date(@Nullable LocalDate date) {
        return date == null ? "" : date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(LocaleContextHolder.getLocale()));
    }
}
