package io.arbiter.insight.web;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.arbiter.insight.CashInForecast;
import io.arbiter.insight.KpiCsv;
import io.arbiter.insight.KpiCustomers;
import io.arbiter.insight.KpiReport;
import io.arbiter.insight.KpiReports;
import io.arbiter.insight.PaymentBehaviour;
import io.arbiter.insight.PaymentBehaviours;
import io.arbiter.insight.forecast.CashInForecasts;
import io.arbiter.insight.kpi.KpiQuery;
import io.arbiter.insight.kpi.Kpis;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.BusinessDates;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.TableExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;

@RestController
class InsightController {

    private static final int CUSTOMERS_PER_PAGE = 1000;
    private static final int MAX_CUSTOMERS_PER_PAGE = 10_000;

    private final PortfolioGuard portfolios;
    private final PaymentBehaviours behaviours;
    private final KpiReports reports;
    private final Clock clock;

    InsightController(PortfolioGuard portfolios, PaymentBehaviours behaviours, KpiReports reports, Clock clock) {
        this.portfolios = portfolios;
        this.behaviours = behaviours;
        this.reports = reports;
        this.clock = clock;
    }

    @Operation(summary = "A customer's payment behaviour over the last 12 months: the facts the scoring table reads")
    @GetMapping("/api/v1/ledger/customers/{registrationNumber}/behaviour")
    PaymentBehaviour behaviour(@PathVariable String registrationNumber, @RequestParam(defaultValue = "FR") String country,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate asOf, Principal caller) {
        portfolios.requireCompany(PortfolioScope.of(caller), country, registrationNumber);
        return behaviours.of(country, registrationNumber, day("asOf", asOf))
                .orElseThrow(() -> notFound(registrationNumber, country));
    }

    @Operation(summary = "A customer's payment history month by month, from 'from' to 'to' (default: the last 12 months)")
    @GetMapping("/api/v1/ledger/customers/{registrationNumber}/history")
    PaymentBehaviour.History history(@PathVariable String registrationNumber,
            @RequestParam(defaultValue = "FR") String country,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to, Principal caller) {
        portfolios.requireCompany(PortfolioScope.of(caller), country, registrationNumber);
        LocalDate end = day("to", to);
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : BusinessDates.within("from", from);
        return behaviours.history(country, registrationNumber, start, end)
                .orElseThrow(() -> notFound(registrationNumber, country));
    }

    @Operation(summary = "Receivables KPIs as of a day, by dimension and currency (JSON; CSV with Accept: text/csv or format=csv,"
            + " dialect=comma or semicolon; XLSX with format=xlsx); "
            + "entity, group, activity, salesperson and customer (an account) limit them to those invoices and customers; "
            + "by customer, JSON comes by pages of customers in account order (limit, default 1000; cursor, the 'next' "
            + "of the previous page, also given in a Link header), a CSV holds them all unless limit or cursor is given; "
            + "from is the period's first day; ceiForm standard (average monthly credit sales, the default) or period")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = KpiReport.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = "string", format = "binary"))})
    @GetMapping("/api/v1/kpis")
    ResponseEntity<?> kpis(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate asOf,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
            @RequestParam(defaultValue = "all") String by, @RequestParam(required = false) @Nullable String buckets,
            @RequestParam(required = false) @Nullable String entity, @RequestParam(required = false) @Nullable String group,
            @RequestParam(required = false) @Nullable String activity,
            @RequestParam(required = false) @Nullable String salesperson,
            @RequestParam(name = "account", required = false) @Nullable String customer,
            @RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String format, @RequestParam(required = false) @Nullable String dialect,
            @RequestParam(required = false) @Nullable String ceiForm,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept, Principal caller) {
        TableExport.Format as = TableExport.format(format, accept, TableExport.Format.JSON, TableExport.Format.CSV,
                TableExport.Format.XLSX);
        TableExport.Dialect csvDialect = TableExport.Dialect.parse(dialect);
        KpiQuery.Dimension dimension = KpiQuery.Dimension.parse(by);
        boolean csv = as != TableExport.Format.JSON;
        LocalDate end = periodEnd(asOf, to);
        KpiReport report = reports.report(PortfolioScope.of(caller), new KpiReports.Request(end, from, by, buckets, entity,
                group, activity, salesperson, customer, ceiForm), page(dimension, csv, limit, cursor));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (report.next() != null) {
            response.header(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", report.next()).build().toUriString() + ">; rel=\"next\"");
        }
        if (csv) {
            return TableExport.file(response, as, csvDialect, "kpis-" + report.by() + "-" + report.asOf(),
                    out -> KpiCsv.export(report, out));
        }
        return response.contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /**
     * The page of a report by customer. A report by customer over a whole ledger has a row for most of its customers,
     * so JSON comes by pages of {@value #CUSTOMERS_PER_PAGE} customers unless {@code limit} says otherwise; a CSV, a
     * file for a spreadsheet, holds every customer unless {@code limit} or {@code cursor} asks for a page.
     */
    private static KpiQuery.@Nullable Page page(KpiQuery.Dimension by, boolean csv, @Nullable String limit, @Nullable String cursor) {
        if (by != KpiQuery.Dimension.CUSTOMER) {
            if (limit != null || cursor != null) {
                throw KpiQuery.invalid(limit != null ? "limit" : "cursor",
                        "limit and cursor page the report by customer only (by was " + by.label() + ")");
            }
            return null;
        }
        if (csv && limit == null && cursor == null) {
            return null;
        }
        int size = CUSTOMERS_PER_PAGE;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size < 1 || size > MAX_CUSTOMERS_PER_PAGE) {
                throw KpiQuery.invalid("limit", "limit must be a whole number of customers from 1 to " + MAX_CUSTOMERS_PER_PAGE
                        + " (was '" + limit + "')");
            }
        }
        return new KpiQuery.Page(size, cursor == null ? null : Kpis.account(cursor));
    }

    @Operation(summary = "Cash expected in each of the next 13 weeks, per currency; salesperson limits it to that "
            + "salesperson's customers; JSON, CSV (Accept: text/csv or format=csv; dialect=comma or semicolon) or XLSX "
            + "(format=xlsx)")
    @ApiResponse(responseCode = "200", description = "The forecast", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CashInForecast.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = "string", format = "binary"))})
    @GetMapping(path = "/api/v1/forecast/cash-in", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    ResponseEntity<?> cashIn(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate asOf,
            @RequestParam(required = false) @Nullable String salesperson,
            @RequestParam(required = false) @Nullable String format, @RequestParam(required = false) @Nullable String dialect,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept, Principal caller) {
        TableExport.Format as = TableExport.format(format, accept, TableExport.Format.JSON, TableExport.Format.CSV,
                TableExport.Format.XLSX);
        TableExport.Dialect csvDialect = TableExport.Dialect.parse(dialect);
        CashInForecast forecast = reports.forecast(PortfolioScope.of(caller), asOf, salesperson);
        if (as == TableExport.Format.JSON) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(forecast);
        }
        return TableExport.file(ResponseEntity.ok(), as, csvDialect, "cash-in-" + forecast.asOf(),
                out -> CashInForecasts.export(forecast, out));
    }

    @Operation(summary = "The customers behind one KPI figure: figure=open, overdue (the default) or an aged-balance bucket's label "
            + "(not due, 1-30, ..., >180, as the KPI report's buckets name them), with the KPI filters (asOf or to, from, "
            + "buckets, entity, group, activity, salesperson); each customer's amount and share, largest first within "
            + "each currency; JSON (the first 'limit' customers, default 1000, with the totals and the count of all), "
            + "CSV (Accept: text/csv or format=csv; every customer unless limit is given) or XLSX (format=xlsx)")
    @ApiResponse(responseCode = "200", description = "The customers behind the figure", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = KpiCustomers.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = "string", format = "binary"))})
    @GetMapping("/api/v1/kpis/customers")
    ResponseEntity<?> customers(@RequestParam(defaultValue = "overdue") String figure,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate asOf,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @Nullable String buckets,
            @RequestParam(required = false) @Nullable String entity, @RequestParam(required = false) @Nullable String group,
            @RequestParam(required = false) @Nullable String activity,
            @RequestParam(required = false) @Nullable String salesperson,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String format, @RequestParam(required = false) @Nullable String dialect,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept, Principal caller) {
        TableExport.Format as = TableExport.format(format, accept, TableExport.Format.JSON, TableExport.Format.CSV,
                TableExport.Format.XLSX);
        TableExport.Dialect csvDialect = TableExport.Dialect.parse(dialect);
        boolean file = as != TableExport.Format.JSON;
        KpiCustomers customers = reports.customers(PortfolioScope.of(caller), new KpiReports.Request(periodEnd(asOf, to),
                from, "customer", buckets, entity, group, activity, salesperson, null, null), figure,
                limit == null && !file ? Integer.valueOf(CUSTOMERS_PER_PAGE) : limit);
        if (file) {
            return TableExport.file(ResponseEntity.ok(), as, csvDialect, "kpi-customers-" + customers.asOf(),
                    out -> KpiReports.export(customers, out));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(customers);
    }

    /** The period's last day: asOf, or its other name to; null for today. */
    private static @Nullable LocalDate periodEnd(@Nullable LocalDate asOf, @Nullable LocalDate to) {
        if (asOf != null && to != null && !asOf.equals(to)) {
            throw KpiQuery.invalid("to", "to is another name for asOf (the period ends on it): give one, or the same day");
        }
        return asOf != null ? asOf : to;
    }

    private LocalDate day(String field, @Nullable LocalDate day) {
        return day == null ? LocalDate.now(clock) : BusinessDates.within(field, day);
    }

    private static ProblemException notFound(String registrationNumber, String country) {
        return new ProblemException(HttpStatus.NOT_FOUND, "customer-not-found", "Customer not in the ledger",
                "No ledger customer carries registration number '" + registrationNumber + "' (" + country
                        + "); import the customer file first");
    }
}
