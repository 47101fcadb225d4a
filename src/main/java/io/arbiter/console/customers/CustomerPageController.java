package io.arbiter.console.customers;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import io.arbiter.customer.CustomerSummaries;
import io.arbiter.customer.CustomerSummary;
import io.arbiter.insight.PaymentBehaviour;
import io.arbiter.security.People;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer search and the customer page, from the same service as {@code /api/v1/customers}; a salesperson finds and
 * opens their portfolio's companies only.
 */
@Controller
class CustomerPageController {

    private static final int PAGE = 25;

    private final CustomerSummaries customers;
    private final People people;
    private final JsonMapper json;
    private final MessageSource messages;

    CustomerPageController(CustomerSummaries customers, People people, JsonMapper json, MessageSource messages) {
        this.customers = customers;
        this.people = people;
        this.json = json;
        this.messages = messages;
    }

    /**
     * The payment trend as the ECharts option console.js draws ({@code data-chart}), in the reader's language: average
     * days late on the left axis, share paid late (percent) on the right; null where no invoice was paid that month.
     */
    private static Map<String, Object> trendChart(List<PaymentBehaviour.Month> months, MessageSource messages) {
        Locale locale = LocaleContextHolder.getLocale();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("MMM yyyy", locale);
        String daysLate = messages.getMessage("customer.avgDaysLate", null, locale);
        String lateShare = messages.getMessage("customer.lateShare", null, locale);
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("color", List.of("#1f5fbf", "#b3261e"));
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 0));
        option.put("grid", Map.of("left", 8, "right", 16, "top", 40, "bottom", 8, "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "data", months.stream().map(m -> m.month().format(format)).toList()));
        option.put("yAxis", List.of(Map.of("type", "value", "name", daysLate, "minInterval", 1,
                        "nameTextStyle", Map.of("align", "left")),
                Map.of("type", "value", "name", "%", "max", 100, "splitLine", Map.of("show", false))));
        option.put("series", List.of(
                series(daysLate, 0, months.stream().map(PaymentBehaviour.Month::averageDaysLate).toList(), "solid"),
                series(lateShare, 1, months.stream().map(PaymentBehaviour.Month::latePaymentSharePercent).toList(), "dashed")));
        return option;
    }

    private static Map<String, Object> series(String name, int axis, List<@Nullable BigDecimal> data, String line) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("name", name);
        series.put("type", "line");
        series.put("yAxisIndex", axis);
        series.put("data", data);
        series.put("connectNulls", false);
        series.put("symbolSize", 7);
        series.put("lineStyle", Map.of("type", line));
        return series;
    }

    @GetMapping("/customers")
    String search(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String cursor,
            Authentication authentication, Model model) {
        model.addAttribute("q", q == null ? "" : q.strip());
        PortfolioScope scope = people.scope(authentication);
        model.addAttribute("limited", scope.isLimited());
        try {
            model.addAttribute("page", customers.search(q, scope, PAGE, cursor));
        } catch (ProblemException e) {
            // Only a cursor edited by hand gets here: start the list again rather than show a dead end.
            model.addAttribute("page", customers.search(q, scope, PAGE, null));
        }
        return "console/customers";
    }

    /** A customer known by its ledger account (the agenda's entries): its company's page, or the search for the account. */
    @GetMapping("/customers/account/{account}")
    String account(@PathVariable String account, Authentication authentication, Model model, HttpServletResponse response) {
        try {
            return customers.companyIdOf(account, people.scope(authentication))
                    .map(id -> "redirect:/customers/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8))
                    .orElseGet(() -> "redirect:/customers?q=" + UriUtils.encodeQueryParam(account, StandardCharsets.UTF_8));
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("notFound", e.status().value() == 404);
            return "console/customer-missing";
        }
    }

    @GetMapping("/customers/{companyId}")
    String customer(@PathVariable String companyId, Authentication authentication, Model model,
            HttpServletResponse response) {
        try {
            CustomerSummary summary = customers.summary(companyId, people.scope(authentication));
            model.addAttribute("c", summary);
            model.addAttribute("trendChart", json.writeValueAsString(trendChart(summary.paymentTrend(), messages)));
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("notFound", e.status().value() == 404);
            model.addAttribute("companyId", companyId);
            return "console/customer-missing";
        }
        return "console/customer";
    }
}
