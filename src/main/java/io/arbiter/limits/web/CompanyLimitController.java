package io.arbiter.limits.web;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.limits.Company;
import io.arbiter.limits.insurance.InsuranceCovers;
import io.arbiter.limits.requests.Caller;
import io.arbiter.limits.requests.Problems;
import io.arbiter.limits.review.ReviewTasks;
import io.arbiter.limits.review.TaskClosing;
import io.arbiter.limits.standing.StandingLimits;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.shared.Money;
import io.arbiter.shared.RegistrationNumbers;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class CompanyLimitController {

    /**
     * A company's limits as they stand on {@code asOf}.
     *
     * @param entity the legal entity asked about; null when the answer holds every entity's
     * @param standingLimits the company's standing limit with each legal entity of the supplier that has one, by
     *                       entity (one at most when {@code entity} is given)
     * @param history every change of those limits, latest first, each naming its entity
     * @param insurerCover what the insurer covers on {@code asOf} (0 when refused, cancelled or expired); null when
     *                     the insurer's files say nothing of the company
     */
    record CompanyLimits(Company company, @Nullable String entity, LocalDate asOf, List<StandingLimits.Standing> standingLimits,
            @Nullable Money insurerCover, InsuranceCovers.@Nullable Cover insurerDecision, List<StandingLimits.Change> history,
            List<InsuranceCovers.Cover> insurerHistory, List<ReviewTasks.Task> reviewTasks) {
    }

    /** How a person closes a review task: {@code outcome} one of {@link TaskClosing#OUTCOMES}, and why. */
    record CloseTask(@Nullable String outcome, @Nullable String comment) {
    }

    private final StandingLimits limits;
    private final InsuranceCovers covers;
    private final ReviewTasks tasks;
    private final TaskClosing closing;
    private final PortfolioGuard portfolios;
    private final Clock clock;

    CompanyLimitController(StandingLimits limits, InsuranceCovers covers, ReviewTasks tasks, TaskClosing closing,
            PortfolioGuard portfolios, Clock clock) {
        this.limits = limits;
        this.closing = closing;
        this.covers = covers;
        this.tasks = tasks;
        this.portfolios = portfolios;
        this.clock = clock;
    }

    @Operation(summary = "A company's standing limits (one per legal entity of the supplier), the insurer's cover in force,"
            + " every change with who and why, open reviews; entity= narrows the limits and their history to one entity")
    @GetMapping("/api/v1/limits/companies/{registrationNumber}")
    CompanyLimits company(@PathVariable String registrationNumber, @RequestParam(defaultValue = "FR") String country,
            @RequestParam(required = false) @Nullable String entity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
            Principal principal) {
        RegistrationNumbers.CompanyId company = RegistrationNumbers.normalise(country, registrationNumber, "registrationNumber");
        portfolios.requireCompany(Callers.of(principal).scope(), company.country(), company.registrationNumber());
        LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
        InsuranceCovers.Cover cover = covers.inForce(company.country(), company.company(), day).orElse(null);
        String only = entity == null || entity.isBlank() ? null : entity.strip();
        return new CompanyLimits(new Company(company.registrationNumber(), company.country()), only, day,
                limits.of(company.country(), company.company()).stream()
                        .filter(limit -> only == null || limit.entity().equals(only)).toList(),
                cover == null ? null : cover.coverOn(day), cover, limits.history(company.country(), company.company())
                        .stream().filter(change -> only == null || change.entity().equals(only)).toList(),
                covers.history(company.country(), company.company()), tasks.of(company.country(), company.company()));
    }

    @Operation(summary = "The limit.changed feed: every change of a standing limit, oldest first, from a cursor (poll it)")
    @GetMapping("/api/v1/limits/changes")
    ResponseEntity<Page<StandingLimits.Change>> changes(@RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit, Principal principal) {
        int size = Paging.limit(limit, 50, 200);
        return Paging.ok(Page.of(limits.changes(after(cursor, "limit-changes"), size + 1, portfolio(Callers.of(principal))),
                size, last -> Paging.cursor("limit-changes", String.valueOf(last.sequence()))));
    }

    @Operation(summary = "Open review tasks: limits nearing their review date, insolvency, a lower bureau band; oldest first")
    @GetMapping("/api/v1/limits/reviews")
    ResponseEntity<Page<ReviewTasks.Task>> reviews(@RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit, Principal principal) {
        int size = Paging.limit(limit, 50, 200);
        return Paging.ok(Page.of(tasks.open(after(cursor, "limit-reviews"), size + 1, portfolio(Callers.of(principal))),
                size, last -> Paging.cursor("limit-reviews", String.valueOf(last.id()))));
    }

    @Operation(summary = "Close a review task with its outcome (KEPT, CHANGE_REQUESTED, NO_LIMIT) and a comment;"
            + " the limit itself changes only through a limit request")
    @PostMapping("/api/v1/limits/reviews/{id}/close")
    ReviewTasks.Task close(@PathVariable String id, @RequestBody(required = false) @Nullable CloseTask body,
            Principal principal) {
        long task;
        try {
            task = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Problems.invalid("id", "'" + id + "' is not a review task id (a number)");
        }
        return closing.close(task, body == null ? null : body.outcome(), body == null ? null : body.comment(),
                Callers.of(principal));
    }

    /** The sequence a cursor of this list holds: where the next page starts; 0 without a cursor. */
    private static long after(@Nullable String cursor, String kind) {
        String[] position = Paging.position(cursor, kind, 1, parts -> {
            if (Long.parseLong(parts[0]) < 0) {
                throw new IllegalArgumentException("negative");
            }
        });
        return position == null ? 0 : Long.parseLong(position[0]);
    }

    private @Nullable List<String> portfolio(Caller caller) {
        return portfolios.companyKeys(caller.scope());
    }
}
