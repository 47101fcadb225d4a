package io.arbiter.shared.problems;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.arbiter.shared.ProblemException;

/**
 * Gives the problems Spring MVC writes for its own errors the shape of Arbiter's: a {@code type} per kind, a title and,
 * when a parameter is at fault, {@code errors[{field, message}]} saying what was expected.
 */
final class FrameworkProblems {

    private FrameworkProblems() {
    }

    static void complete(ProblemDetail problem, Exception e, HttpStatusCode status) {
        switch (e) {
            case MethodArgumentTypeMismatchException mismatch -> invalid(problem, mismatch.getName(),
                    "'" + mismatch.getValue() + "' " + expected(mismatch.getRequiredType()));
            case TypeMismatchException mismatch -> invalid(problem, mismatch.getPropertyName() == null ? "request"
                    : mismatch.getPropertyName(), "'" + mismatch.getValue() + "' " + expected(mismatch.getRequiredType()));
            case MissingServletRequestParameterException missing -> invalid(problem, missing.getParameterName(),
                    "is required (" + missing.getParameterType() + ")");
            case MissingServletRequestPartException missing -> invalid(problem, missing.getRequestPartName(),
                    "is required: send it as a multipart part");
            case MissingPathVariableException missing -> invalid(problem, missing.getVariableName(), "is required");
            case HandlerMethodValidationException validation -> {
                List<Map<String, Object>> errors = validation.getParameterValidationResults().stream()
                        .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.<String, Object>of(
                                "field", String.valueOf(result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                        .toList();
                set(problem, "invalid-request", "Invalid request");
                if (!errors.isEmpty()) {
                    problem.setProperty("errors", errors);
                    problem.setDetail(errors.getFirst().get("field") + " " + errors.getFirst().get("message"));
                }
            }
            case HttpRequestMethodNotSupportedException unsupported -> set(problem, "method-not-allowed", "Method not allowed");
            case HttpMediaTypeNotSupportedException unsupported -> set(problem, "unsupported-media-type",
                    "Unsupported media type");
            case HttpMediaTypeNotAcceptableException unacceptable -> set(problem, "not-acceptable", "Not acceptable");
            case NoResourceFoundException notFound -> {
                set(problem, "not-found", "Not found");
                problem.setDetail("There is nothing at this path; the API is described at /v3/api-docs");
            }
            case NoHandlerFoundException notFound -> set(problem, "not-found", "Not found");
            default -> set(problem, status.is4xxClientError() ? "invalid-request" : "internal-error",
                    problem.getTitle() == null ? "Invalid request" : problem.getTitle());
        }
    }

    private static void invalid(ProblemDetail problem, String field, String message) {
        set(problem, "invalid-request", "Invalid request");
        problem.setDetail(field + " " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
    }

    private static void set(ProblemDetail problem, String kind, String title) {
        problem.setType(ProblemException.typeOf(kind));
        problem.setTitle(title);
    }

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "is not valid here";
        }
        if (type == UUID.class) {
            return "is not an id: expected a UUID such as 3f2b8c1e-0d6a-4c39-9a57-2b1d4e8f6a10";
        }
        if (type == LocalDate.class) {
            return "is not a date: expected an ISO date such as 2026-11-30";
        }
        if (type == Instant.class) {
            return "is not an instant: expected an ISO instant such as 2026-12-01T00:00:00Z";
        }
        if (type == YearMonth.class) {
            return "is not a month: expected YYYY-MM such as 2026-11";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "is not a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "is not true or false";
        }
        if (type.isEnum()) {
            return "is not one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "is not a valid " + type.getSimpleName();
    }
}
