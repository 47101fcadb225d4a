package io.arbiter.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.arbiter.insight.forecast.CashInForecasts;
import io.arbiter.insight.kpi.KpiQuery;
import io.arbiter.insight.kpi.KpiTrends;
import io.arbiter.insight.kpi.Kpis;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.BusinessDates;
import io.arbiter.shared.TableExport;

/**
 * The KPI, drill-down and forecast questions as the API asks them, for any caller within its {@link PortfolioScope}:
 * the API's controller and the console's dashboard both ask here, so that a salesperson's portfolio is limited in one
 * place ({@link PortfolioGuard#reportedSalesperson}) and both show the same figures for the same filter.
 */
@Service
public class KpiReports {

    /**
     * A KPI question as a client words it: null fields take the API's defaults (today; the configured period ending
     * on {@code asOf}; the configured aged-balance buckets; the standard CEI).
     *
     * @param by {@code all}, {@code entity}, {@code group}, {@code activity}, {@code salesperson} or {@code customer}
     */
    public record Request(@Nullable LocalDate asOf, @Nullable LocalDate from, String by, @Nullable String buckets,
            @Nullable String entity, @Nullable String group, @Nullable String activity, @Nullable String salesperson,
            @Nullable String customer, @Nullable String ceiForm) {

        /** The whole report ({@code by=all}) for these filters. */
        public static Request overall(@Nullable LocalDate asOf, @Nullable LocalDate from, @Nullable String entity,
                @Nullable String group, @Nullable String activity, @Nullable String salesperson) {
            return new Request(asOf, from, "all", null, entity, group, activity, salesperson, null, null);
        }
    }

    private final PortfolioGuard portfolios;
    private final Kpis kpis;
    private final KpiTrends trends;
    private final CashInForecasts forecasts;
    private final InsightProperties properties;
    private final Clock clock;
    private final Map<KpiQuery, CompletableFuture<KpiReport>> inFlight = new ConcurrentHashMap<>();

    KpiReports(PortfolioGuard portfolios, Kpis kpis, KpiTrends trends, CashInForecasts forecasts,
            InsightProperties properties, Clock clock) {
        this.portfolios = portfolios;
        this.kpis = kpis;
        this.trends = trends;
        this.forecasts = forecasts;
        this.properties = properties;
        this.clock = clock;
    }

    /** The whole report, every customer's row when by customer. */
    public KpiReport report(PortfolioScope scope, Request request) {
        return report(scope, request, null);
    }

    public KpiReport report(PortfolioScope scope, Request request, KpiQuery.@Nullable Page page) {
        return once(query(scope, request, KpiQuery.Dimension.parse(request.by()), page));
    }

    /**
     * The report for {@code query}, computed once for the callers asking it at the same moment: the dashboard's
     * figures and aged-balance panels load together and show the same report, which would otherwise be computed twice
     * side by side on the same cores. Nothing is kept once it is answered: a later question computes afresh.
     */
    private KpiReport once(KpiQuery query) {
        CompletableFuture<KpiReport> mine = new CompletableFuture<>();
        CompletableFuture<KpiReport> running = inFlight.putIfAbsent(query, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
        try {
            KpiReport report = kpis.report(query);
            mine.complete(report);
            return report;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(query, mine);
        }
    }

    /**
     * The overall report's ({@code by=all}) DSO and CEI as of each of {@code asOfs}, oldest first, each over a period
     * as long as {@code request}'s, with its filters: the figures {@link #report} gives for each, computed together.
     */
    public KpiTrend trend(PortfolioScope scope, Request request, List<LocalDate> asOfs) {
        KpiQuery base = query(scope, request, KpiQuery.Dimension.ALL, null);
        long days = ChronoUnit.DAYS.between(base.from(), base.asOf());
        return trends.trend(asOfs.stream().map(asOf -> new KpiQuery(BusinessDates.within("asOf", asOf),
                asOf.minusDays(days), KpiQuery.Dimension.ALL, base.bounds(), base.countbackMonths(), base.filter(), null,
                base.ceiForm())).toList());
    }

    /** The customers behind one figure of the report for {@code request}'s filters ({@link KpiCustomers}). */
    public KpiCustomers customers(PortfolioScope scope, Request request, String figure, @Nullable Integer limit) {
        KpiReport report = once(query(scope, request, KpiQuery.Dimension.CUSTOMER, null));
        return KpiCustomers.of(report, figure, limit);
    }

    /** The 13-week cash-in forecast from {@code asOf} (default today), of one salesperson's customers or all. */
    public CashInForecast forecast(PortfolioScope scope, @Nullable LocalDate asOf, @Nullable String salesperson) {
        if (salesperson != null && salesperson.isBlank()) {
            throw KpiQuery.invalid("salesperson", "salesperson must not be blank: name one, or leave it out for every customer");
        }
        return forecasts.forecast(day("asOf", asOf), portfolios.reportedSalesperson(scope, salesperson));
    }

    /** The report as the API's CSV and XLSX files hold it. */
    public static void export(KpiReport report, TableExport out) {
        KpiCsv.export(report, out);
    }

    /** The forecast as the API's CSV and XLSX files hold it. */
    public static void export(CashInForecast forecast, TableExport out) {
        CashInForecasts.export(forecast, out);
    }

    /** The drill-down as the API's CSV and XLSX files hold it. */
    public static void export(KpiCustomers customers, TableExport out) {
        KpiCustomers.export(customers, out);
    }

    /** The day a question is asked about when it names none: today, by the application's clock. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The first day of the period ending on {@code asOf} when a question names none: kpi-period long. */
    public LocalDate defaultFrom(LocalDate asOf) {
        return asOf.minusDays(properties.kpiPeriod().toDays() - 1);
    }

    private KpiQuery query(PortfolioScope scope, Request request, KpiQuery.Dimension by, KpiQuery.@Nullable Page page) {
        LocalDate end = day("asOf", request.asOf());
        // from is the period's first day: the default period is kpi-period long, ending on asOf.
        LocalDate start = request.from() != null ? request.from() : defaultFrom(end);
        return new KpiQuery(end, start, by, KpiQuery.parseBuckets(request.buckets(), properties.agedBuckets()),
                properties.countbackMonths(), new KpiQuery.Filter(request.entity(), request.group(), request.activity(),
                        portfolios.reportedSalesperson(scope, request.salesperson()), request.customer()),
                page, KpiQuery.CeiForm.parse(request.ceiForm()));
    }

    private LocalDate day(String field, @Nullable LocalDate day) {
        return day == null ? LocalDate.now(clock) : BusinessDates.within(field, day);
    }
}
