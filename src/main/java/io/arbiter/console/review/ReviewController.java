package io.arbiter.console.review;

import java.math.BigDecimal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.arbiter.decision.CreditDecision;
import io.arbiter.decision.Reviews;
import io.arbiter.decision.VerdictRequest;
import io.arbiter.shared.ProblemException;
import jakarta.servlet.http.HttpServletResponse;

/** The review queue: decisions waiting for a person, oldest first, and the page where a reviewer gives a verdict. */
@Controller
class ReviewController {

    private static final int PAGE = 25;

    private final Reviews reviews;

    ReviewController(Reviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/review")
    String queue(@RequestParam(required = false) @Nullable String cursor, Model model) {
        model.addAttribute("backlog", reviews.backlog());
        model.addAttribute("page", reviews.pending(PAGE, cursor));
        return "console/review-queue";
    }

    @GetMapping("/review/{id}")
    String decision(@PathVariable UUID id, Model model) {
        model.addAttribute("decision", find(id));
        return "console/review-decision";
    }

    @PostMapping("/review/{id}")
    String verdict(@PathVariable UUID id, @RequestParam(required = false) @Nullable String verdict,
            @RequestParam(required = false) @Nullable BigDecimal amount, @RequestParam(required = false) @Nullable String comment,
            Authentication authentication, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            reviews.review(id, new VerdictRequest(verdict, amount == null ? null : new VerdictRequest.AmountValue(amount, null),
                    comment), authentication.getName());
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("decision", find(id));
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("verdict", verdict);
            model.addAttribute("amount", amount);
            model.addAttribute("comment", comment);
            return "console/review-decision";
        }
        redirect.addAttribute("reviewed", id);
        return "redirect:/review";
    }

    private CreditDecision find(UUID id) {
        return reviews.find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "decision-not-found",
                "Decision not found", "No decision has id " + id));
    }
}
