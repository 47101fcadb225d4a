package io.arbiter.policy;

import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where policy versions are compiled once the application runs: on one background thread, whoever asks (an upload, an
 * approval or a publish heard through NOTIFY, a publish, a simulation). A compilation then takes at most one core from
 * the decisions, and whoever waits for it (a request's virtual thread) parks instead of keeping one of the few carrier
 * threads busy for seconds (a virtual thread is not preempted: on 2 cores, one compiling on a request's thread leaves
 * the decisions one carrier, two leave them none).
 * <p>
 * Also holds the compilations that make publishing a swap: the versions {@link PolicySync} keeps compiled in advance
 * (approved, scheduled) and the last drafts uploaded here, so that approving one of them soon after takes the
 * compilation its upload made instead of compiling the same files a second time.
 */
@Component
class PolicyCompilations implements DisposableBean {

    /** Drafts uploaded here kept compiled until approved: enough for an upload followed by its approval. */
    private static final int DRAFTS_KEPT = 2;

    private final PolicyVersions versions;
    private final Currency currency;
    private final ExecutorService compiler = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("policy-compiler").factory());
    private final Map<UUID, CompletableFuture<PolicyEngine.Loaded>> kept = new ConcurrentHashMap<>();
    private final Cache<UUID, PolicyEngine.Loaded> drafts = Caffeine.newBuilder().maximumSize(DRAFTS_KEPT).build();

    PolicyCompilations(PolicyVersions versions, PolicyProperties properties) {
        this.versions = versions;
        this.currency = properties.currency();
    }

    /** Compiles these files and runs their scenarios on the compiler thread, waiting for it. */
    PolicyEngine.Loaded compile(List<PolicyFile> files) {
        return join(CompletableFuture.supplyAsync(() -> PolicyEngine.compile(files, currency), compiler));
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
            return draft != null ? CompletableFuture.completedFuture(draft)
                    : CompletableFuture.supplyAsync(() -> PolicyEngine.compile(versions.files(key), currency), compiler);
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
    PolicyEngine.Loaded compiled(UUID id) {
        CompletableFuture<PolicyEngine.Loaded> compilation = kept.get(id);
        if (compilation != null) {
            return join(compilation);
        }
        PolicyEngine.Loaded draft = drafts.getIfPresent(id);
        return draft != null ? draft : compile(versions.files(id));
    }

    /** Lets go of every kept compilation but these (those still running finish, then are dropped). */
    void retainOnly(Collection<UUID> ids) {
        kept.keySet().retainAll(ids);
    }

    /** Lets a compilation queued finish (its thread is a daemon): interrupting it would leave its waiter waiting. */
    @Override
    public void destroy() {
        compiler.shutdown();
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
