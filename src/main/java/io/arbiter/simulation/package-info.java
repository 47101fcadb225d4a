/**
 * Impact simulation (replay): before a policy version is published, re-decide a population with it next to the active
 * version — the stored decisions of a period or the last N, or the whole customer portfolio assessed with no order —
 * and report what would change: outcome transitions, granted limits in total and per segment, and every changed
 * decision with both versions' reasons. Runs as a background job with progress, cancel and a CSV of the changes;
 * memory stays flat because rows are streamed from PostgreSQL and changes written back as they are found.
 */
package io.arbiter.simulation;
