package io.arbiter.console.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.arbiter.limits.Company;
import io.arbiter.limits.insurance.InsuranceCovers;
import io.arbiter.limits.insurance.InsuranceReports;
import io.arbiter.limits.requests.Caller;
import io.arbiter.limits.review.ReviewTasks;
import io.arbiter.limits.review.TaskClosing;
import io.arbiter.limits.standing.StandingLimits;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.shared.Page;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.RegistrationNumbers;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What follows a limit once granted, in the console: open review tasks closed with an outcome, invoices nearing the
 * credit insurer's reporting deadline, and one company's standing limit with its history. Same services as the API.
 */
@Controller
class LimitReviewsController {

    private static final int PAGE = 25;
    private static final int ALERTS_PAGE = 50;

    /** An open task and how long it has waited. */
    record OpenTask(ReviewTasks.Task task, Duration age) {
    }

    private final ReviewTasks tasks;
    private final TaskClosing closing;
    private final InsuranceReports reports;
    private final InsuranceCovers covers;
    private final StandingLimits limits;
    private final PortfolioGuard portfolios;
    private final LimitPages pages;
    private final Clock clock;

    LimitReviewsController(ReviewTasks tasks, TaskClosing closing, InsuranceReports reports, InsuranceCovers covers,
            StandingLimits limits, PortfolioGuard portfolios, LimitPages pages, Clock clock) {
        this.tasks = tasks;
        this.closing = closing;
        this.reports = reports;
        this.covers = covers;
        this.limits = limits;
        this.portfolios = portfolios;
        this.pages = pages;
        this.clock = clock;
    }

    @GetMapping("/limits/reviews")
    String reviews(@RequestParam(required = false) @Nullable Long after, Authentication authentication, Model model) {
        Caller caller = pages.caller(authentication);
        List<ReviewTasks.Task> rows = tasks.open(after == null ? 0 : after, PAGE + 1, portfolios.companyKeys(caller.scope()));
        Page<OpenTask> page = Page.of(rows, PAGE, last -> String.valueOf(last.id()))
                .map(task -> new OpenTask(task, Duration.between(task.openedAt(), clock.instant())));
        model.addAttribute("page", page);
        model.addAttribute("outcomes", TaskClosing.OUTCOMES);
        model.addAttribute("names", pages.names(rows.stream().map(ReviewTasks.Task::company).toList()));
        return "console/limit-reviews";
    }

    @PostMapping("/limits/reviews/{id}/close")
    String close(@PathVariable long id, @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String comment, Authentication authentication, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            closing.close(id, outcome, comment, pages.caller(authentication));
        } catch (ProblemException problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem.getMessage());
            model.addAttribute("problemTask", id);
            return reviews(null, authentication, model);
        }
        redirect.addAttribute("closed", id);
        return "redirect:/limits/reviews";
    }

    @GetMapping("/limits/alerts")
    String alerts(@RequestParam(defaultValue = "0") int page, Authentication authentication, Model model) {
        LocalDate today = LocalDate.now(clock);
        List<InsuranceReports.Alert> all = reports.alerts(today,
                portfolios.companyKeys(pages.caller(authentication).scope()));
        int from = Math.min(Math.max(page, 0) * ALERTS_PAGE, all.size());
        List<InsuranceReports.Alert> shown = all.subList(from, Math.min(from + ALERTS_PAGE, all.size()));
        model.addAttribute("alerts", shown);
        model.addAttribute("total", all.size());
        model.addAttribute("lost", all.stream().filter(InsuranceReports.Alert::coverLost).count());
        model.addAttribute("page", page);
        model.addAttribute("hasNext", from + ALERTS_PAGE < all.size());
        model.addAttribute("today", today);
        model.addAttribute("names", pages.names(shown.stream().map(InsuranceReports.Alert::company).toList()));
        return "console/limit-alerts";
    }

    @GetMapping("/limits/companies/{registrationNumber}")
    String company(@PathVariable String registrationNumber, @RequestParam(defaultValue = "FR") String country,
            Authentication authentication, Model model) {
        RegistrationNumbers.CompanyId id = RegistrationNumbers.normalise(country, registrationNumber, "registrationNumber");
        portfolios.requireCompany(pages.caller(authentication).scope(), id.country(), id.registrationNumber());
        LocalDate today = LocalDate.now(clock);
        Company company = new Company(id.registrationNumber(), id.country());
        InsuranceCovers.Cover cover = covers.inForce(id.country(), id.company(), today).orElse(null);
        model.addAttribute("company", company);
        model.addAttribute("name", pages.names(List.of(company)).get(company.registrationNumber()));
        model.addAttribute("standings", limits.of(id.country(), id.company()));
        model.addAttribute("cover", cover);
        model.addAttribute("coverToday", cover == null ? null : cover.coverOn(today));
        model.addAttribute("history", limits.history(id.country(), id.company()));
        model.addAttribute("tasks", tasks.of(id.country(), id.company()));
        return "console/limit-company";
    }
}
