package io.arbiter.policy.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.arbiter.shared.Page;
import io.arbiter.shared.ProblemException;

import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.PolicyProperties;
import io.arbiter.policy.analysis.PolicyDiff;
import io.arbiter.policy.analysis.TableAnalysis;
import io.arbiter.policy.compile.PolicyFile;

/**
 * The policy's life cycle: a draft is the active version with some files added or replaced, stored only when it
 * compiles and its scenarios pass, with its tables' analysis; someone other than its author approves it, unless the
 * analysis found errors (gaps, conflicting overlaps); publishing makes it serve decisions at once, and publishing a
 * superseded version again is a rollback.
 */
@Service
public class PolicyLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PolicyLifecycle.class);

    /** An uploaded file, as its client named it. */
    public record Upload(String name, byte[] content) {
    }

    /**
     * What the uploader may do: upload {@code .drl} files (a role finance staff do not hold), and drop scenarios the
     * active version has (said explicitly, since a scenario lost by renaming its sheet hid a failing one).
     */
    public record UploadRights(boolean mayUploadDrl, boolean allowDroppedScenarios) {
        static final UploadRights FINANCE = new UploadRights(false, false);
    }

    private final PolicyEngine engine;
    private final PolicyVersions versions;
    private final TransactionTemplate transactions;
    private final PolicyProperties properties;
    private final Clock clock;
    private final PolicySync sync;
    private final PolicyCompilations compilations;
    private final Cache<String, List<PolicyProblem>> analyses = Caffeine.newBuilder().maximumSize(64).build();

    PolicyLifecycle(PolicyEngine engine, PolicyVersions versions, TransactionTemplate transactions,
            PolicyProperties properties, Clock clock, PolicySync sync, PolicyCompilations compilations) {
        this.sync = sync;
        this.compilations = compilations;
        this.engine = engine;
        this.versions = versions;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** A draft upload's answer: the new draft, or the version already stored with exactly these files. */
    public record Drafted(PolicyVersion version, boolean created) {
    }

    public Drafted draft(List<Upload> uploaded, String comment, String author, UploadRights rights) {
        List<Upload> uploads = DraftUploads.files(uploaded, properties.maxUploadSize(), rights);
        Map<String, PolicyFile> files = new LinkedHashMap<>();
        versions.files(engine.active().id()).forEach(file -> files.put(file.name(), file));
        uploads.forEach(upload -> files.put(upload.name(), new PolicyFile(upload.name(), upload.content())));
        List<PolicyFile> draft = new ArrayList<>(files.values());
        // The same files are the same content version: a second copy would make "decisions by version" ambiguous.
        var same = versions.withSameFiles(draft);
        if (same.isPresent()) {
            log.info("Policy upload by {} has the files of version {}: answered with it", author, same.get());
            return new Drafted(find(same.get()), false);
        }
        PolicyEngine.Loaded loaded;
        try {
            loaded = compilations.compile(draft);
        } catch (PolicyLoadException e) {
            throw invalid(e, "in the uploaded policy; nothing was stored");
        }
        if (!rights.allowDroppedScenarios()) {
            DraftUploads.requireScenariosKept(engine.active().scenarios(), loaded.scenarios());
        }
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> versions.insert(id, loaded.policy().version(),
                PolicyVersion.State.DRAFT, author, comment, clock.instant(), draft, loaded.scenarios()));
        compilations.draftCompiled(id, loaded);
        log.info("Policy draft {} (version {}) uploaded by {}", id, loaded.policy().version(), author);
        analyses.put(loaded.policy().version(), loaded.policy().analysis());
        return new Drafted(versions.find(id).orElseThrow().withAnalysis(loaded.policy().analysis()), true);
    }

    /** Deletes a draft nobody needs: only a DRAFT, since an approved version may be published and a published one is evidence. */
    public void deleteDraft(UUID id, String by) {
        transactions.executeWithoutResult(status -> {
            PolicyVersion version = find(id, true);
            if (version.state() != PolicyVersion.State.DRAFT || !versions.deleteDraft(id)) {
                throw conflict(version, "only a DRAFT can be deleted");
            }
        });
        compilations.forget(id);
        log.info("Policy draft {} deleted by {}", id, by);
    }

    /**
     * Cancels a scheduled publication before its date: the version goes back to APPROVED (or SUPERSEDED, for a
     * scheduled rollback) and the active version serves on. Too late once the date has come and it is published.
     */
    public synchronized PolicyVersion cancelSchedule(UUID id, String by) {
        PolicyVersion cancelled = transactions.execute(status -> {
            PolicyVersion version = find(id, true);
            if (version.state() != PolicyVersion.State.SCHEDULED) {
                throw conflict(version, "only a SCHEDULED publication can be cancelled");
            }
            versions.unschedule(id);
            versions.notifyReplicas(id);
            return versions.find(id).orElseThrow();
        });
        log.info("Policy version {} ({}): scheduled publication cancelled by {}", id, cancelled.version(), by);
        sync.sync();
        return cancelled.withAnalysis(analysis(cancelled));
    }

    public PolicyVersion approve(UUID id, String approver) {
        return transactions.execute(status -> {
            PolicyVersion version = find(id, true);
            if (version.state() != PolicyVersion.State.DRAFT) {
                throw conflict(version, "only a DRAFT can be approved");
            }
            if (version.author().equals(approver)) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "approval-by-author", "Approval by its author",
                        "A policy version must be approved by someone other than its author (" + version.author() + ")");
            }
            List<PolicyProblem> analysis = requireNoAnalysisErrors(version, "approved");
            versions.approve(id, approver, clock.instant());
            versions.notifyReplicas(id); // each replica compiles it in advance; this one already has its draft's
            log.info("Policy version {} ({}) approved by {}", id, version.version(), approver);
            return versions.find(id).orElseThrow().withAnalysis(analysis);
        });
    }

    /**
     * Publishes an approved version, or an earlier superseded one (rollback). It is a swap of the compilation kept since
     * the version was uploaded here or approved (compiled then, off the decisions' path); a rollback, or a version
     * beyond those kept, is compiled now on the compiler thread. It is swapped in once stored as published, and every
     * other replica is notified to do the same with its own. With an effective date in the future the version is only
     * scheduled: it becomes published at that instant, by whichever replica sees that instant first, and replaces any
     * version scheduled until then. A date in the past, or none, is now.
     */
    public synchronized PolicyVersion publish(UUID id, String publisher, @Nullable Instant effectiveFrom) {
        PolicyVersion candidate = find(id, false);
        checkPublishable(candidate);
        List<PolicyProblem> analysis = requireNoAnalysisErrors(candidate, "published");
        Instant now = clock.instant();
        if (effectiveFrom != null && effectiveFrom.isAfter(now)) {
            PolicyVersion scheduled = transactions.execute(status -> {
                checkPublishable(find(id, true));
                versions.schedule(id, publisher, effectiveFrom);
                versions.notifyReplicas(id);
                return versions.find(id).orElseThrow();
            });
            log.info("Policy version {} ({}) scheduled by {} for {}", id, scheduled.version(), publisher, effectiveFrom);
            sync.sync();
            return scheduled.withAnalysis(analysis);
        }
        PolicyEngine.Loaded loaded;
        try {
            loaded = compilations.kept(id);
        } catch (PolicyLoadException e) {
            throw invalid(e, "compiling version " + id + "; it was not published and the active version serves on");
        }
        PolicyVersion published = transactions.execute(status -> {
            checkPublishable(find(id, true));
            versions.publish(id, publisher, now);
            versions.notifyReplicas(id);
            return versions.find(id).orElseThrow();
        });
        sync.published(id, loaded);
        log.info("Policy version {} ({}) published by {}", id, published.version(), publisher);
        return published.withAnalysis(analysis);
    }

    public Page<PolicyVersion> page(int limit, @Nullable String cursor) {
        return versions.page(limit, cursor);
    }

    /** One version with its tables' analysis. */
    public PolicyVersion find(UUID id) {
        PolicyVersion version = find(id, false);
        return version.withAnalysis(analysis(version));
    }

    /** The analysis of a stored version's tables: a function of its files, so computed once per content hash. */
    private List<PolicyProblem> analysis(PolicyVersion version) {
        return analyses.get(version.version(), hash -> TableAnalysis.of(versions.files(version.id())));
    }

    /**
     * A gap or a conflicting overlap the tables do not declare allowed keeps a version from being approved or
     * published, as any error would; the answer lists each at its cells.
     */
    private List<PolicyProblem> requireNoAnalysisErrors(PolicyVersion version, String what) {
        List<PolicyProblem> analysis = analysis(version);
        List<PolicyProblem> errors = analysis.stream().filter(PolicyProblem::isError).toList();
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "policy-analysis-errors",
                    "Gaps or conflicting overlaps in the tables", "Policy version " + version.id() + " cannot be " + what
                            + ": its tables have " + errors.size() + " error(s) (inputs no row covers, or rows that match"
                            + " the same input and give different results). Fix the rows, or declare the table's gaps or"
                            + " overlaps allowed with an 'Allow gaps: why' or 'Allow overlaps: why' cell right of its"
                            + " RuleTable name, and upload again",
                    Map.of("errors", errors.stream().map(PolicyLifecycle::error).toList()));
        }
        return analysis;
    }

    /** What changed from one stored version to another: files, table rows by their conditions, DRL rules by name. */
    public PolicyDiff.Result diff(UUID from, UUID to) {
        PolicyVersion before = find(from, false);
        PolicyVersion after = find(to, false);
        return PolicyDiff.diff(before.version(), versions.files(from), after.version(), versions.files(to));
    }

    public PolicyFile file(UUID id, String name) {
        find(id, false);
        return versions.file(id, name).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "policy-file-not-found", "Policy file not found", "Policy version " + id + " has no file '" + name + "'"));
    }

    private static ProblemException invalid(PolicyLoadException e, String context) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-policy", "Invalid policy",
                e.problems().size() + " problem(s) " + context,
                Map.of("errors", e.problems().stream().map(PolicyLifecycle::error).toList()));
    }

    private static Map<String, Object> error(PolicyProblem problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("file", problem.file());
        error.put("sheet", problem.sheet());
        error.put("cell", problem.cell());
        error.put("severity", problem.severity().name());
        error.put("message", problem.message());
        return error;
    }

    private PolicyVersion find(UUID id, boolean forUpdate) {
        return (forUpdate ? versions.findForUpdate(id) : versions.find(id)).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "policy-version-not-found", "Policy version not found", "No policy version has id " + id));
    }

    private static void checkPublishable(PolicyVersion version) {
        if (version.state() != PolicyVersion.State.APPROVED && version.state() != PolicyVersion.State.SUPERSEDED
                && version.state() != PolicyVersion.State.SCHEDULED) {
            throw conflict(version, "only an APPROVED version, a SCHEDULED one (now or at another date), or a"
                    + " SUPERSEDED one (rollback), can be published");
        }
    }

    private static ProblemException conflict(PolicyVersion version, String rule) {
        return new ProblemException(HttpStatus.CONFLICT, "policy-version-state", "Not allowed in this state",
                "Policy version " + version.id() + " is " + version.state() + ": " + rule,
                Map.of("state", version.state().name()));
    }
}
