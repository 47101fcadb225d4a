package io.arbiter.shared;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The moment by which a request must stop waiting on things outside Arbiter (bureaus, the pool). It runs on elapsed
 * time, not on the {@code Clock} bean, which tests and replays may hold still.
 */
public record Deadline(long nanoTime) {

    /** No deadline: wait for as long as the call itself may take (its own timeouts still apply). */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return this == NONE || nanoTime == Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE)
                : Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    }

    /**
     * The future's value if it comes before the deadline, else what {@code late} says; the future goes on and may still
     * serve others (e.g. fill a cache).
     */
    public <T> T await(CompletableFuture<T> future, Supplier<T> late) {
        try {
            if (nanoTime == Long.MAX_VALUE) {
                return future.get();
            }
            return future.get(remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return late.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return late.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
