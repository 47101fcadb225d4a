package io.arbiter.decision;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.shared.RegistrationNumbers;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class StandingLimitController {

    private final StandingLimitReviews reviews;

    StandingLimitController(StandingLimitReviews reviews) {
        this.reviews = reviews;
    }

    @Operation(summary = "Re-evaluations of a customer's standing limit after bureau notifications, newest first")
    @GetMapping("/api/v1/limits/{registrationNumber}/reviews")
    List<StandingLimitReviews.Review> reviews(@PathVariable String registrationNumber,
            @RequestParam(defaultValue = "FR") String country) {
        return reviews.reviews(RegistrationNumbers.normalise(country, registrationNumber, "registrationNumber").company());
    }
}
