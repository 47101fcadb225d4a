package io.arbiter.decision.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.decision.standing.StandingLimitReviews;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.arbiter.shared.RegistrationNumbers;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class StandingLimitController {

    private final StandingLimitReviews reviews;

    StandingLimitController(StandingLimitReviews reviews) {
        this.reviews = reviews;
    }

    @Operation(summary = "Re-evaluations of a company's standing limit after bureau notifications, newest first",
            description = "Paged: limit 1-200, default 50; cursor is the 'next' of the previous page (also in the Link header)")
    @GetMapping("/api/v1/limits/{registrationNumber}/reviews")
    ResponseEntity<Page<StandingLimitReviews.Review>> reviews(@PathVariable String registrationNumber,
            @RequestParam(defaultValue = "FR") String country, @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return Paging.ok(reviews.reviews(RegistrationNumbers.normalise(country, registrationNumber, "registrationNumber")
                .company(), Paging.limit(limit, 50, 200), cursor));
    }
}
