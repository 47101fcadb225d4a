package io.arbiter.shared;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import io.arbiter.shared.problems.ProblemTypes;

/**
 * A failure a client can act on, answered as RFC 9457 problem+json. Each kind has its own {@code type} URI
 * ({@code urn:arbiter:problem:<kind>}, registered with its status and meaning in {@link ProblemTypes}, from which
 * docs/integration-guide.md lists them) so that clients can branch on it.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final String title;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String kind, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public ProblemException(HttpStatus status, String kind, String title, String detail) {
        this(status, kind, title, detail, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(typeOf(kind));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    /**
     * A 400 for one field of a request: {@code detail} for people, {@code errors[{field, message}]} for the client's
     * form.
     */
    public static ProblemException invalidField(String field, String detail, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    public static URI typeOf(String kind) {
        return URI.create("urn:arbiter:problem:" + kind);
    }
}
