package io.arbiter.console.limits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.arbiter.ledger.LegalEntities;
import io.arbiter.ledger.LegalEntity;
import io.arbiter.limits.requests.Caller;
import io.arbiter.limits.requests.LimitRequest;
import io.arbiter.limits.requests.LimitRequests;
import io.arbiter.limits.requests.NewLimitRequest;
import io.arbiter.limits.requests.RequestStore;
import io.arbiter.limits.requests.RequestVerdicts;
import io.arbiter.limits.requests.VerdictRequest;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.shared.Page;
import io.arbiter.shared.ProblemException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Limit requests in the console: the approvers' queue (pending, oldest first), the form a salesperson or an analyst asks
 * with, and the request page where another person approves, reduces or refuses. Everything goes through the services
 * the limits API calls, so the console refuses what the API refuses (maker-checker above all) with the same words.
 */
@Controller
@RequestMapping("/limits")
class LimitsController {

    private static final int PAGE = 25;

    /** What the request form sends. */
    record RequestForm(@Nullable String registrationNumber, @Nullable String entity, @Nullable BigDecimal amount,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate validUntil, @Nullable String justification) {
    }

    private final LimitRequests requests;
    private final RequestVerdicts verdicts;
    private final LimitPages pages;
    private final PolicyEngine policy;
    private final LegalEntities entities;

    LimitsController(LimitRequests requests, RequestVerdicts verdicts, LimitPages pages, PolicyEngine policy,
            LegalEntities entities) {
        this.policy = policy;
        this.entities = entities;
        this.requests = requests;
        this.verdicts = verdicts;
        this.pages = pages;
    }

    @GetMapping
    String queue(@RequestParam(required = false) @Nullable String cursor, Authentication authentication, Model model) {
        List<LimitRequest> rows = requests.list("PENDING", RequestStore.Cursor.decode(cursor), PAGE + 1,
                pages.caller(authentication));
        Page<LimitRequest> page = Page.of(rows, PAGE, last -> new RequestStore.Cursor(last.createdAt(), last.id()).encode());
        model.addAttribute("page", page);
        model.addAttribute("names", pages.names(page.items().stream().map(LimitRequest::company).toList()));
        return "console/limits";
    }

    @GetMapping("/requests/new")
    String form(@RequestParam(required = false) @Nullable String company,
            @RequestParam(required = false) @Nullable String entity, Model model) {
        String chosen = entity != null ? entity : entities.only().map(LegalEntity::code).orElse(null);
        model.addAttribute("form", new RequestForm(company, chosen, null, null, null));
        formModel(model);
        return "console/limit-request-new";
    }

    @PostMapping("/requests")
    String ask(@ModelAttribute RequestForm form, Authentication authentication, Model model, HttpServletResponse response) {
        try {
            // The amount is in the entity's currency, which the service checks against the policy's.
            String currency = form.entity() == null ? policy.active().currency() : entities.find(form.entity())
                    .map(LegalEntity::currency).orElse(policy.active().currency());
            LimitRequest created = requests.create(new NewLimitRequest(
                    new NewLimitRequest.CompanyRef(form.registrationNumber(), "FR"), form.entity(),
                    new NewLimitRequest.Amount(form.amount(), currency), form.justification(), form.validUntil(), null),
                    pages.caller(authentication));
            return "redirect:/limits/requests/" + created.id() + "?asked";
        } catch (ProblemException problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("form", form);
            formModel(model);
            model.addAttribute("problem", problem.getMessage());
            return "console/limit-request-new";
        }
    }

    @GetMapping("/requests/{id}")
    String request(@PathVariable UUID id, Authentication authentication, Model model) {
        show(requests.find(id, pages.caller(authentication)), pages.caller(authentication), model);
        return "console/limit-request";
    }

    @PostMapping("/requests/{id}/verdict")
    String verdict(@PathVariable UUID id, @RequestParam(required = false) @Nullable String verdict,
            @RequestParam(required = false) @Nullable BigDecimal amount, @RequestParam(required = false) @Nullable String comment,
            Authentication authentication, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = pages.caller(authentication);
        LimitRequest request = requests.find(id, caller);
        try {
            verdicts.decide(id, new VerdictRequest(verdict, amount == null ? null
                    : new NewLimitRequest.Amount(amount, request.requested().currency().getCurrencyCode()), comment), caller);
        } catch (ProblemException problem) {
            response.setStatus(problem.status().value());
            show(requests.find(id, caller), caller, model);
            model.addAttribute("problem", problem.getMessage());
            model.addAttribute("verdict", verdict);
            model.addAttribute("amount", amount);
            model.addAttribute("comment", comment);
            return "console/limit-request";
        }
        redirect.addAttribute("decided", "");
        return "redirect:/limits/requests/" + id;
    }

    private void formModel(Model model) {
        model.addAttribute("currency", policy.active().currency());
        model.addAttribute("entities", entities.all());
    }

    private void show(LimitRequest request, Caller caller, Model model) {
        model.addAttribute("request", request);
        model.addAttribute("mayDecide", caller.mayDecide(request));
        model.addAttribute("mine", request.requestedBy().equals(caller.name()));
        model.addAttribute("name", pages.names(List.of(request.company())).get(request.company().registrationNumber()));
    }
}
