package io.arbiter.pool.server;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.pool.protocol.Contribution;
import io.arbiter.shared.ProblemException;

/**
 * The pool server's API for members. Who is asking comes from the API key alone ({@link Authentication#getName()}),
 * never from the request.
 */
@RestController
@Profile("pool")
@RequestMapping("/pool/v1")
class PoolServerController {

    private final PoolServer pool;
    private final MemberRateLimits limits;

    PoolServerController(PoolServer pool, MemberRateLimits limits) {
        this.pool = pool;
        this.limits = limits;
    }

    /** Replaces the member's experiences of {@code month} ({@code 2026-10}). */
    @PutMapping("/contributions/{month}")
    Contribution.Receipt contribute(@PathVariable String month, @RequestBody Contribution contribution,
            Authentication member) {
        limits.acquire(member.getName());
        return pool.contribute(member.getName(), monthOf(month), contribution);
    }

    @GetMapping("/signals/{subject}")
    Contribution.Signal signal(@PathVariable String subject, Authentication member) {
        limits.acquire(member.getName());
        return pool.signal(member.getName(), subject);
    }

    @ExceptionHandler(MemberRateLimits.Exceeded.class)
    ResponseEntity<ProblemDetail> tooMany(MemberRateLimits.Exceeded e) {
        ProblemDetail problem = new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "pool-rate-limited", "Too many requests",
                "This member's pool requests are limited to " + e.perMinute() + " a minute; retry after "
                        + e.retryAfterSeconds() + " s").toProblemDetail();
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static YearMonth monthOf(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "month '" + month + "' must be a year and month like 2026-10",
                    Map.of("errors", List.of(Map.of("field", "month", "message", "must be YYYY-MM"))));
        }
    }
}
