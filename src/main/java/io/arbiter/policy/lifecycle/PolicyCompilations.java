package io.arbiter.policy.lifecycle;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProperties;
import io.arbiter.policy.compile.CompileProgress;
import io.arbiter.policy.compile.PolicyFile;

/**
 * Where policy versions are compiled once the application runs, whoever asks (an upload, an approval or a publish heard
 * through NOTIFY, a publish, a simulation): each compilation on a thread of its own, one at a time (a compilation then
 * takes at most one core from the decisions; whoever waits for it, a request's virtual thread, parks), and each within
 * a time budget ({@code arbiter.policy.compile-budget}). One over its budget is answered as a located problem and
 * abandoned: the next upload, approval or publish does not queue behind it, since its slot is given to the next one.
 * Running out of memory or stack while compiling or running scenarios is a located problem too, not a 500.
 * <p>
 * Also holds the compilations that make publishing a swap: the versions {@link PolicySync} keeps compiled in advance
 * (approved, scheduled, the one a rollback would return to) and the last drafts uploaded here, so that approving one of
 * them soon after takes the compilation its upload made instead of compiling the same files a second time.
 */
@Component
public class PolicyCompilations implements DisposableBean {

    /** Drafts uploaded here kept compiled until approved: enough for an upload followed by its approval. */
    private static final int DRAFTS_KEPT = 2;
    private static final Logger log = LoggerFactory.getLogger(PolicyCompilations.class);

    private final PolicyVersions versions;
    private final Duration budget;
    /** The one compilation running (those over budget gave theirs back); the others wait for it. */
    private final Semaphore slot = new Semaphore(1, true);
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("policy-compiler-watchdog").factory());
    private final AtomicInteger jobs = new AtomicInteger();
    private final Function<List<PolicyFile>, PolicyEngine.Loaded> compiler;
    private final Map<UUID, CompletableFuture<PolicyEngine.Loaded>> kept = new ConcurrentHashMap<>();
    private final Cache<UUID, PolicyEngine.Loaded> drafts = Caffeine.newBuilder().maximumSize(DRAFTS_KEPT).build();

    @Autowired
    PolicyCompilations(PolicyVersions versions, PolicyProperties properties) {
        this(versions, properties, files -> PolicyEngine.compile(files, properties.currency()));
    }

    /** With another compiler, for the tests of the budget: one that never ends, or runs out of memory. */
    public PolicyCompilations(PolicyVersions versions, PolicyProperties properties,
            Function<List<PolicyFile>, PolicyEngine.Loaded> compiler) {
        this.versions = versions;
        this.budget = properties.compileBudget();
        this.compiler = compiler;
    }

    /** Compiles these files and runs their scenarios within the budget, waiting for it. */
    public PolicyEngine.Loaded compile(List<PolicyFile> files) {
        return join(submit(() -> files));
    }

    /**
     * Runs one compilation on a thread of its own once the slot is free, and gives up on it when the budget is spent
     * (counted from the request, waiting included): the caller gets a located problem at once and the slot goes to
     * the next compilation, while the abandoned thread is interrupted and left to end on its own.
     */
    private CompletableFuture<PolicyEngine.Loaded> submit(Supplier<List<PolicyFile>> files) {
        CompletableFuture<PolicyEngine.Loaded> result = new CompletableFuture<>();
        CompileProgress progress = new CompileProgress();
        Thread thread = Thread.ofPlatform().daemon().name("policy-compiler-" + jobs.incrementAndGet()).unstarted(() -> {
            try {
                if (!slot.tryAcquire(budget.toMillis(), TimeUnit.MILLISECONDS)) {
                    return; // the watchdog has answered
                }
                progress.holdsSlot();
                if (result.isDone()) {
                    return;
                }
                progress.watchOnThisThread();
                result.complete(compiler.apply(files.get()));
            } catch (OutOfMemoryError | StackOverflowError e) {
                result.completeExceptionally(new PolicyLoadException(List.of(progress.failed(e))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                CompileProgress.forgetOnThisThread();
                if (progress.release()) {
                    slot.release();
                }
            }
        });
        thread.start();
        ScheduledFuture<?> timeout = watchdog.schedule(() -> {
            if (result.completeExceptionally(new PolicyLoadException(List.of(progress.overBudget(budget))))) {
                log.warn("Policy compilation {} went over its budget of {}: abandoned", thread.getName(), budget);
                thread.interrupt();
                if (progress.release()) {
                    slot.release();
                }
            }
        }, budget.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((loaded, failure) -> timeout.cancel(false));
        return result;
    }

    /** Keeps the compilation of a draft just stored, for its approval. */
    void draftCompiled(UUID id, PolicyEngine.Loaded loaded) {
        drafts.put(id, loaded);
    }

    /**
     * A stored version compiled, and kept until {@link #retainOnly} lets it go: the compilation kept or its draft's,
     * or one started now on the compiler thread. A failed compilation is not kept, so that asking again retries it.
     */
    CompletableFuture<PolicyEngine.Loaded> keep(UUID id) {
        CompletableFuture<PolicyEngine.Loaded> compilation = kept.computeIfAbsent(id, key -> {
            PolicyEngine.Loaded draft = drafts.asMap().remove(key);
            return draft != null ? CompletableFuture.completedFuture(draft) : submit(() -> versions.files(key));
        });
        compilation.whenComplete((loaded, failure) -> {
            if (failure != null) {
                kept.remove(id, compilation);
            }
        });
        return compilation;
    }

    /** {@link #keep}, waiting for the compilation; its failure is thrown as it was thrown on the compiler thread. */
    PolicyEngine.Loaded kept(UUID id) {
        return join(keep(id));
    }

    /** The compilation kept for this version if it is done, without starting one. */
    Optional<PolicyEngine.Loaded> ready(UUID id) {
        CompletableFuture<PolicyEngine.Loaded> compilation = kept.get(id);
        return compilation != null && compilation.isDone() && !compilation.isCompletedExceptionally()
                ? Optional.of(compilation.join()) : Optional.empty();
    }

    /** A stored version compiled, the kept one or one compiled now on the compiler thread and not kept. */
    public PolicyEngine.Loaded compiled(UUID id) {
        CompletableFuture<PolicyEngine.Loaded> compilation = kept.get(id);
        if (compilation != null) {
            return join(compilation);
        }
        PolicyEngine.Loaded draft = drafts.getIfPresent(id);
        return draft != null ? draft : compile(versions.files(id));
    }

    /** Lets go of a deleted draft's compilation. */
    void forget(UUID id) {
        drafts.invalidate(id);
        kept.remove(id);
    }

    /** Lets go of every kept compilation but these (those still running finish, then are dropped). */
    void retainOnly(Collection<UUID> ids) {
        kept.keySet().retainAll(ids);
    }

    /** Compilations running finish on their own (their threads are daemons); only the watchdog stops. */
    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }

    private static PolicyEngine.Loaded join(CompletableFuture<PolicyEngine.Loaded> compilation) {
        try {
            return compilation.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
