package io.arbiter.insight;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param kpiPeriod the period the flow KPIs (simple DSO, CEI, late rate) cover when the request gives no {@code from}
 * @param countbackMonths how many months of sales the countback DSO may count back
 * @param agedBuckets upper bounds, in days past due, of the aged balance's buckets when the request gives none (0 is
 *                    "not due"; a last bucket beyond the highest bound is always added)
 * @param trendThresholdDays how many days the last 3 months' weighted days late must differ from the last 12 months'
 *                           before the payment trend is IMPROVING or WORSENING rather than STABLE
 * @param workMem PostgreSQL's {@code work_mem} for the KPI and forecast statements only: their aggregates over
 *                100,000 customers spill to disk with the server's default (4MB)
 */
@ConfigurationProperties("arbiter.insight")
public record InsightProperties(@DefaultValue("90d") Duration kpiPeriod, @DefaultValue("12") int countbackMonths,
        @DefaultValue({"0", "30", "60", "90", "180"}) List<Integer> agedBuckets, @DefaultValue("5") int trendThresholdDays,
        @DefaultValue("64MB") DataSize workMem) {
}
