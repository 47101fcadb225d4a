package io.arbiter.bureau.providers;

import java.net.HttpRetryException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.arbiter.bureau.BureauUnavailableException;
import io.arbiter.bureau.SolvencyProvider;
import io.arbiter.bureau.SolvencyReport;

/**
 * Creditsafe Connect: authenticate, find the company by registration or VAT number, order its credit report.
 *
 * <p>The token is kept until it expires (the JWT's {@code exp}, else {@code token-ttl}); a data call answered 401 gets
 * one new token and is sent once more. Authentication itself is never retried: Creditsafe locks an account out after
 * 5 identical invalid attempts within 2 minutes, so a rejection is reported as not retryable and no new attempt is
 * made for {@link #AUTHENTICATION_PAUSE}, which keeps any number of decisions far below that threshold.
 */
final class CreditsafeProvider implements SolvencyProvider {

    private static final Logger log = LoggerFactory.getLogger(CreditsafeProvider.class);

    static final Duration AUTHENTICATION_PAUSE = Duration.ofMinutes(5);

    /** After an authentication that failed without being refused (timeout, 5xx), the first wait before another. */
    static final Duration FIRST_AUTHENTICATION_BACKOFF = Duration.ofSeconds(5);

    /** A token is renewed this long before it expires, so that it does not expire on its way to Creditsafe. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final CreditsafeClient client;
    private final CreditsafeProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Optional<IntUnaryOperator> table;
    private volatile @Nullable Token token;
    private volatile Instant authenticationPausedUntil = Instant.MIN;
    private volatile Duration authenticationBackoff = Duration.ZERO;
    private final AtomicReference<CompletableFuture<Token>> authenticating = new AtomicReference<>();

    private record Token(String value, Instant expiresAt) {
    }

    CreditsafeProvider(CreditsafeClient client, CreditsafeProperties properties, JsonMapper json, Clock clock,
            Optional<IntUnaryOperator> table) {
        this.table = table;
        this.client = client;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "creditsafe";
    }

    @Override
    public Optional<SolvencyReport> report(String registrationNumber, String country) {
        boolean vat = registrationNumber.length() > 2 && Character.isLetter(registrationNumber.charAt(0))
                && Character.isLetter(registrationNumber.charAt(1));
        JsonNode search = call(authorization -> client.searchCompanies(authorization, country,
                vat ? null : registrationNumber, vat ? registrationNumber : null));
        if (search == null) {
            return Optional.empty();
        }
        JsonNode company = search.path("companies").path(0);
        String connectId = CreditsafeReports.text(company, "id");
        if (connectId == null) {
            return Optional.empty();
        }
        JsonNode report = call(authorization -> client.creditReport(authorization, connectId));
        if (report == null) {
            return Optional.empty();
        }
        String searchName = CreditsafeReports.text(company, "name");
        return Optional.of(CreditsafeReports.read(report, registrationNumber, country,
                searchName == null ? "" : searchName, LocalDate.now(clock), table));
    }

    /** A data call with a valid token: renewed once on 401; null when Creditsafe answers 404. */
    private @Nullable JsonNode call(Function<String, JsonNode> request) {
        String used = token();
        try {
            return send(request, used);
        } catch (FeignException.Unauthorized expired) {
            forget(used);
            try {
                return send(request, token());
            } catch (FeignException.Unauthorized again) {
                throw new BureauUnavailableException("creditsafe refused a new token too (401): check the account's"
                        + " access", false, null, again);
            }
        }
    }

    private @Nullable JsonNode send(Function<String, JsonNode> request, String token) {
        try {
            return request.apply("Bearer " + token);
        } catch (FeignException.NotFound unknown) {
            return null;
        } catch (FeignException.Unauthorized expired) {
            throw expired;
        } catch (RuntimeException e) {
            throw translated(e);
        }
    }

    /**
     * A valid token. One authentication is in flight at a time: concurrent callers wait for that one (at most the
     * client's timeouts) and share its answer or its failure, instead of queuing to try again one after the other. A
     * failed attempt (timeout, 5xx) holds further attempts back for a while that doubles up to
     * {@link #AUTHENTICATION_PAUSE}, so that a hanging authentication sees a few calls, not one per decision.
     */
    private String token() {
        Token current = token;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.expiresAt())) {
            return current.value();
        }
        CompletableFuture<Token> mine = new CompletableFuture<>();
        CompletableFuture<Token> pending = authenticating.compareAndExchange(null, mine);
        if (pending == null) {
            try {
                mine.complete(authenticate());
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            } finally {
                authenticating.set(null);
            }
            pending = mine;
        }
        Duration wait = properties.connectTimeout().plus(properties.readTimeout());
        try {
            return pending.get(wait.toMillis(), TimeUnit.MILLISECONDS).value();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new BureauUnavailableException("creditsafe authentication did not answer within " + wait, false, null, e);
        }
    }

    private Token authenticate() {
        Instant now = clock.instant();
        Token current = token;
        if (current != null && now.isBefore(current.expiresAt())) {
            return current; // another caller's attempt has just succeeded
        }
        if (now.isBefore(authenticationPausedUntil)) {
            throw new BureauUnavailableException("creditsafe authentication failed lately; no new attempt before "
                    + authenticationPausedUntil, false, null, null);
        }
        JsonNode answer;
        try {
            answer = client.authenticate(new CreditsafeClient.Credentials(String.valueOf(properties.username()),
                    String.valueOf(properties.password())));
        } catch (FeignException.Unauthorized | FeignException.Forbidden rejected) {
            throw rejected(rejected.status(), rejected);
        } catch (RetryableException e) {
            // The JDK's HttpURLConnection does not show a 401 to a streamed POST: it throws HttpRetryException instead.
            if (e.getCause() instanceof HttpRetryException refused) {
                throw rejected(refused.responseCode(), e);
            }
            throw failedAuthentication(translated(e), now);
        } catch (BureauUnavailableException e) {
            if (e.retryAfter().isPresent()) {
                authenticationPausedUntil = now.plus(e.retryAfter().get());
                throw e;
            }
            throw failedAuthentication(e, now);
        } catch (RuntimeException e) {
            throw failedAuthentication(translated(e), now);
        }
        String value = CreditsafeReports.text(answer, "token");
        if (value == null) {
            throw failedAuthentication(new BureauUnavailableException("creditsafe answered /authenticate without a token",
                    false, null, null), now);
        }
        authenticationBackoff = Duration.ZERO;
        Token fresh = new Token(value, expiry(value, now).minus(EXPIRY_MARGIN));
        token = fresh;
        return fresh;
    }

    /** Not retried by the caller: the next attempt waits for the backoff, whoever asks. */
    private BureauUnavailableException failedAuthentication(BureauUnavailableException cause, Instant now) {
        authenticationBackoff = authenticationBackoff.isZero() ? FIRST_AUTHENTICATION_BACKOFF
                : min(authenticationBackoff.multipliedBy(2), AUTHENTICATION_PAUSE);
        authenticationPausedUntil = now.plus(authenticationBackoff);
        return new BureauUnavailableException(cause.getMessage() + " (authentication; next attempt after "
                + authenticationPausedUntil + ")", false, null, cause);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private BureauUnavailableException rejected(int status, Exception cause) {
        authenticationPausedUntil = clock.instant().plus(AUTHENTICATION_PAUSE);
        log.error("Creditsafe rejected Arbiter's credentials ({}); not trying again before {}", status, authenticationPausedUntil);
        return new BureauUnavailableException("creditsafe rejected the credentials (" + status + "); not retried, as"
                + " Creditsafe locks the account after repeated failures", false, null, cause);
    }

    private void forget(String used) {
        Token current = token;
        if (current != null && current.value().equals(used)) {
            token = null;
        }
    }

    /** A JWT's {@code exp} claim when the token is one, else now plus the configured TTL. */
    private Instant expiry(String token, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length >= 2) {
            try {
                JsonNode exp = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                        .path("exp");
                if (exp.isNumber()) {
                    return Instant.ofEpochSecond(exp.asLong());
                }
            } catch (IllegalArgumentException | JacksonException notAJwt) {
                // An opaque token: the configured TTL applies.
            }
        }
        return now.plus(properties.tokenTtl());
    }

    private static BureauUnavailableException translated(RuntimeException e) {
        return switch (e) {
            case BureauUnavailableException unavailable -> unavailable;
            case RetryableException io -> new BureauUnavailableException("creditsafe not reachable: " + io.getMessage(),
                    true, null, io);
            case DecodeException malformed -> new BureauUnavailableException("creditsafe sent malformed JSON (not"
                    + " retried: the same answer would come back): " + malformed.getMessage(), false, null, malformed);
            case FeignException other -> new BureauUnavailableException("creditsafe failed: " + other.getMessage(),
                    other.status() < 0 || other.status() >= 500, null, other);
            default -> throw e;
        };
    }
}
