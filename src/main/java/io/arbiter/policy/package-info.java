/**
 * The credit policy: decision tables ({@code *.drl.xlsx}, {@code *.drl.csv}) and DRL rules compiled into one immutable
 * snapshot, evaluated as the pipeline segmentation → scoring → rating → credit limit → hard stops → outcome, where every
 * fired row comes back as a {@link io.arbiter.policy.Reason} naming its file, sheet and row. The workbooks' {@code Tests}
 * sheets are scenarios run against each snapshot before it may serve decisions; each table is analysed for gaps,
 * conflicting overlaps and unreachable rows, located by cell range. Versions are stored with their exact
 * files and go through a life cycle (draft, approved by someone other than its author, published, superseded); the
 * published one is swapped in atomically, without a restart. Escalation tables ({@code RuleSet arbiter.escalation}) are a
 * fifth table family in the same life cycle, evaluated on their own for dunning ({@link io.arbiter.policy.DunningCase}).
 * <p>
 * This package is the module's API and its runtime: {@link io.arbiter.policy.PolicyEngine}, the facts and stage results
 * that policies are written against (their public methods are the actions a row may take, so their readers stay
 * package-private beside the {@link io.arbiter.policy.Pipeline} that reads them), and the values other modules get
 * back. Its parts: {@code compile} (files to rules, the closed policy language), {@code analysis} (table analysis,
 * scenarios, diff), {@code lifecycle} (stored versions, approval, publication, replicas) and {@code web}.
 */
package io.arbiter.policy;
