package io.arbiter.console.kpi;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.arbiter.insight.CashInForecast;
import io.arbiter.insight.KpiCustomers;
import io.arbiter.insight.KpiReport;
import io.arbiter.insight.KpiReports;
import io.arbiter.security.People;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.TableExport;

/**
 * The KPI dashboard: the filter form at once, each panel (figures, trend, aged balance, forecast) as its own fragment
 * that htmx loads after the first paint, the customers behind a figure, and every table as CSV or XLSX. Every figure
 * is the KPI API's answer for the same filters ({@link KpiReports}), limited to a salesperson's portfolio exactly as the
 * API limits their key.
 */
@Controller
@RequestMapping("/kpis")
class KpiDashboardController {

    /** Customers listed on the drill-down page; the export holds them all. */
    static final int SHOWN_CUSTOMERS = 500;

    private final KpiReports reports;
    private final KpiPanels panels;
    private final People people;
    private final MessageSource messages;

    KpiDashboardController(KpiReports reports, KpiPanels panels, People people, MessageSource messages) {
        this.reports = reports;
        this.panels = panels;
        this.people = people;
        this.messages = messages;
    }

    @GetMapping
    String page(@ModelAttribute("filters") KpiFilters filters, Authentication authentication, Model model) {
        return render(authentication, model, "console/kpis", () -> {
            prepare(filters, model);
            model.addAttribute("portfolio", people.scope(authentication).salesperson());
        });
    }

    @GetMapping("/figures")
    String figures(@ModelAttribute KpiFilters form, Authentication authentication, Model model) {
        return render(authentication, model, "console/kpis :: figures", () -> {
            KpiFilters filters = prepare(form, model);
            model.addAttribute("report", reports.report(scope(authentication), filters.request()));
        });
    }

    @GetMapping("/trend")
    String trend(@ModelAttribute KpiFilters form, Authentication authentication, Model model) {
        return render(authentication, model, "console/kpis :: trend", () -> {
            KpiFilters filters = prepare(form, model);
            model.addAttribute("panels", panels.trend(scope(authentication), filters, new KpiPanels.Labels(
                    text("kpis.dsoSimple"), text("kpis.dsoCountback"), text("kpis.cei"), text("kpis.days"))));
        });
    }

    @GetMapping("/aged")
    String aged(@ModelAttribute KpiFilters form, Authentication authentication, Model model) {
        return render(authentication, model, "console/kpis :: aged", () -> {
            KpiFilters filters = prepare(form, model);
            KpiReport report = reports.report(scope(authentication), filters.request());
            model.addAttribute("report", report);
            model.addAttribute("panels", panels.aged(report, filters, text("kpis.amount"), text("kpis.notDue")));
        });
    }

    @GetMapping("/forecast")
    String forecast(@ModelAttribute KpiFilters form, Authentication authentication, Model model) {
        return render(authentication, model, "console/kpis :: forecast", () -> {
            KpiFilters filters = prepare(form, model);
            CashInForecast forecast = reports.forecast(scope(authentication), filters.to(), filters.salesperson());
            model.addAttribute("forecast", forecast);
            model.addAttribute("panels", panels.forecast(forecast, filters, text("kpis.promised"), text("kpis.expected"),
                    text("kpis.week")));
        });
    }

    /** The customers behind one figure: {@code open}, {@code overdue} or an aged-balance bucket's label. */
    @GetMapping("/customers")
    String customers(@RequestParam String figure, @ModelAttribute KpiFilters form, Authentication authentication,
            Model model) {
        model.addAttribute("figure", figure);
        model.addAttribute("portfolio", people.scope(authentication).salesperson());
        return render(authentication, model, "console/kpi-customers", () -> {
            KpiFilters filters = prepare(form, model);
            model.addAttribute("customers", reports.customers(scope(authentication), filters.request(), figure,
                    SHOWN_CUSTOMERS));
        });
    }

    /**
     * A table as a file, with the API's own columns: {@code report} (the figures and the aged balance, as
     * {@code GET /api/v1/kpis}), {@code customers} (as {@code GET /api/v1/kpis/customers}), {@code forecast} (as
     * {@code GET /api/v1/forecast/cash-in}) or {@code trend} (the trend's months).
     */
    @GetMapping("/export/{table:report|customers|forecast|trend}.{format:csv|xlsx}")
    ResponseEntity<byte[]> export(@PathVariable String table, @PathVariable String format,
            @RequestParam(required = false) @Nullable String figure, @ModelAttribute KpiFilters form,
            Authentication authentication) {
        TableExport.Format as = TableExport.format(format, null, TableExport.Format.CSV, TableExport.Format.CSV,
                TableExport.Format.XLSX);
        TableExport.Dialect dialect = LocaleContextHolder.getLocale().getLanguage().equals("fr")
                ? TableExport.Dialect.parse("semicolon") : TableExport.Dialect.parse("comma");
        KpiFilters filters = form.resolved(reports);
        PortfolioScope scope = scope(authentication);
        String name = "kpis-" + table + "-" + filters.to();
        return switch (table) {
            case "report" -> {
                KpiReport report = reports.report(scope, filters.request());
                yield TableExport.file(ResponseEntity.ok(), as, dialect, name, out -> KpiReports.export(report, out));
            }
            case "customers" -> {
                KpiCustomers customers = reports.customers(scope, filters.request(), figure == null ? "open" : figure, null);
                yield TableExport.file(ResponseEntity.ok(), as, dialect, name, out -> KpiReports.export(customers, out));
            }
            case "forecast" -> {
                CashInForecast forecast = reports.forecast(scope, filters.to(), filters.salesperson());
                yield TableExport.file(ResponseEntity.ok(), as, dialect, name, out -> KpiReports.export(forecast, out));
            }
            case "trend" -> {
                var trend = panels.trend(scope, filters, new KpiPanels.Labels("dsoSimple", "dsoCountback", "cei", "days"));
                yield TableExport.file(ResponseEntity.ok(), as, dialect, name, out -> {
                    out.row("currency", "asOf", "from", "dsoSimple", "dsoCountback", "cei");
                    trend.forEach(panel -> panel.rows().forEach(p -> out.row(panel.currency(), p.asOf(), p.from(),
                            p.dsoSimple(), p.dsoCountback(), p.cei())));
                });
            }
            default -> throw new IllegalArgumentException(table);
        };
    }

    private KpiFilters prepare(KpiFilters form, Model model) {
        KpiFilters filters = form.resolved(reports);
        model.addAttribute("filters", filters);
        model.addAttribute("query", filters.query());
        return filters;
    }

    private PortfolioScope scope(Authentication authentication) {
        return people.scope(authentication);
    }

    /**
     * Renders {@code view} once {@code fill} has put its figures in the model; a filter the API refuses (a period
     * ending before it starts) is shown in the panel with the API's reason. A salesperson asking for another's
     * portfolio is told so in the console's words: the API's reason speaks of an API key, which a person signed in
     * has not got.
     */
    private String render(Authentication authentication, Model model, String view, Runnable fill) {
        try {
            fill.run();
        } catch (ProblemException refused) {
            PortfolioScope scope = scope(authentication);
            model.addAttribute("problem", refused.status() == HttpStatus.FORBIDDEN && scope.isLimited()
                    ? text("kpis.otherPortfolio", scope.salesperson()) : refused.getMessage());
        }
        return view;
    }

    private String text(String key, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, arguments, key, locale);
    }
}
