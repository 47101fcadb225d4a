package io.arbiter.limits.requests;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import io.arbiter.shared.ProblemException;

/** The limits API's refusals, each naming the field at fault so that a form can show it. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException field(HttpStatus status, String kind, String title, String field, String message) {
        return new ProblemException(status, kind, title, field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    public static ProblemException invalid(String field, String message) {
        return field(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field, message);
    }
}
