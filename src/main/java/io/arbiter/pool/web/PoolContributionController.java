package io.arbiter.pool.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.pool.client.PoolContributions;
import io.arbiter.shared.ProblemException;

/** Shares a month with the pool now, instead of waiting for the monthly run. */
@RestController
class PoolContributionController {

    private final PoolContributions contributions;

    PoolContributionController(PoolContributions contributions) {
        this.contributions = contributions;
    }

    @PostMapping("/api/v1/pool/contributions")
    PoolContributions.Sent contribute(@RequestParam String month) {
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "month '" + month + "' must be a year and month like 2026-10",
                    Map.of("errors", List.of(Map.of("field", "month", "message", "must be YYYY-MM"))));
        }
        return contributions.contribute(parsed);
    }
}
