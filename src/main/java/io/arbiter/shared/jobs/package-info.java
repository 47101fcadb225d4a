/**
 * Background jobs: what an import and a simulation have in common once the work itself is set aside. A module keeps its
 * jobs in a table of its own and describes it ({@link io.arbiter.shared.jobs.JobKind}); a
 * {@link io.arbiter.shared.jobs.JobRunner} runs the work on threads of its own, commits what the work says about itself
 * (start, progress, end) apart from the work's transaction so that a client sees it at once, keeps the jobs of this
 * instance alive with a heartbeat, fails the jobs an instance that stopped left behind, and deletes old finished ones.
 */
package io.arbiter.shared.jobs;
