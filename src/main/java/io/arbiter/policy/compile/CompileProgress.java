package io.arbiter.policy.compile;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.PolicyProblem;

/**
 * What a policy compilation is doing now (reading a file, compiling a stage, running a scenario), so that one stopped
 * for going over its time budget, or for running out of memory or stack, is reported where its author can look: the
 * file, sheet and cell of the scenario or table it was on. The compiling thread says where it is through
 * {@link #at}; the watchdog reads it from another thread.
 */
public final class CompileProgress {

    private static final ThreadLocal<CompileProgress> CURRENT = new ThreadLocal<>();

    private volatile String file = "(policy)";
    private volatile @Nullable String sheet;
    private volatile @Nullable String cell;
    private volatile String doing = "starting";
    /** Whether the job holds the compiler's slot, and whether the slot has been given back (exactly once). */
    private volatile boolean holdsSlot;
    private final AtomicBoolean released = new AtomicBoolean();

    /** Records where the compilation running on this thread is, if any compilation is being watched. */
    public static void at(String file, @Nullable String sheet, @Nullable String cell, String doing) {
        CompileProgress progress = CURRENT.get();
        if (progress != null) {
            progress.file = file;
            progress.sheet = sheet;
            progress.cell = cell;
            progress.doing = doing;
        }
    }

    public void watchOnThisThread() {
        CURRENT.set(this);
    }

    public static void forgetOnThisThread() {
        CURRENT.remove();
    }

    public void holdsSlot() {
        holdsSlot = true;
    }

    /** True the one time the slot must be given back: by the job when it ends, or by the watchdog when it gives up. */
    public boolean release() {
        return holdsSlot && released.compareAndSet(false, true);
    }

    public PolicyProblem overBudget(Duration budget) {
        return new PolicyProblem(file, sheet, cell, "checking the policy took longer than " + budget.toSeconds()
                + " s (arbiter.policy.compile-budget) while " + doing + ", so it was stopped and nothing was stored: make"
                + " the table smaller or split it, or ask an administrator to raise the budget");
    }

    public PolicyProblem failed(Error error) {
        String what = error instanceof StackOverflowError ? "ran too deep (a stack overflow)" : "ran out of memory";
        return new PolicyProblem(file, sheet, cell, "the policy " + what + " while " + doing + ", so it was stopped and"
                + " nothing was stored; the service is unaffected. Look for a rule or scenario that builds something huge");
    }
}
