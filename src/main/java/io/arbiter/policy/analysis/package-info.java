/**
 * The checks a version passes before it may serve, and the diff its approvers read. Each table is analysed for gaps,
 * conflicting overlaps and unreachable rows, located by cell range ({@link io.arbiter.policy.analysis.TableAnalysis});
 * the workbooks' scenarios run against the compiled version ({@link io.arbiter.policy.analysis.Scenarios}); two
 * versions are compared cell by cell ({@link io.arbiter.policy.analysis.PolicyDiff}). Internal to the policy module.
 */
package io.arbiter.policy.analysis;
