package io.arbiter.bureau;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A provider could not answer now. Unlike "company not found" (an empty answer), this says nothing about the company:
 * the lookup tries the next provider, then falls back to the last snapshot.
 */
public class BureauUnavailableException extends RuntimeException {

    private final boolean retryable;
    private final @Nullable Duration retryAfter;

    /**
     * @param retryable whether trying again may help: I/O errors, timeouts, 5xx and 429 are; other 4xx (a bad request,
     *                  rejected credentials) are not, and authentication must never be retried blindly (Creditsafe locks
     *                  an account out after 5 identical failed attempts)
     * @param retryAfter how long the provider asked to wait (429 Retry-After), if it said
     */
    public BureauUnavailableException(String message, boolean retryable, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
