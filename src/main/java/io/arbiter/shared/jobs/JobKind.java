package io.arbiter.shared.jobs;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A kind of background job and the table its module keeps such jobs in. The table is the module's own: the runner only
 * reads and writes the columns named here, on the module's behalf. It has an {@code id uuid}, a {@code state text}, a
 * {@code heartbeat_at timestamptz}, and the column {@code newestFirst} orders by.
 *
 * @param name the threads' name, e.g. {@code ledger-import}
 * @param label what the log calls one such job, e.g. {@code Ledger import}
 * @param table the owning module's table
 * @param liveStates the states of a job that an instance still has (queued or running); the others are finished
 * @param newestFirst the column that orders jobs from the newest, for pruning
 * @param abandoned the assignments, besides {@code state = 'FAILED'}, that mark a job an instance that stopped left
 *        behind, e.g. its message to the user; {@code :at} is the application clock's time
 * @param heartbeat how often the module calls {@link JobRunner#heartbeat()}; a job not marked alive for four heartbeats
 *        was left behind
 * @param concurrentJobs jobs running at once on this instance; later ones wait for a free thread
 */
public record JobKind(String name, String label, String table, List<String> liveStates, String newestFirst,
        String abandoned, Duration heartbeat, int concurrentJobs) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern STATE = Pattern.compile("[A-Z_]+");

    public JobKind {
        liveStates = List.copyOf(liveStates);
        // Both are written into the SQL, which cannot take them as parameters.
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(newestFirst).matches()) {
            throw new IllegalArgumentException("Not a plain table or column name: " + table + ", " + newestFirst);
        }
        if (liveStates.isEmpty() || !liveStates.stream().allMatch(state -> STATE.matcher(state).matches())) {
            throw new IllegalArgumentException("Live states must be upper-case names: " + liveStates);
        }
        if (concurrentJobs < 1) {
            throw new IllegalArgumentException("A job kind runs at least one job at a time, not " + concurrentJobs);
        }
    }

    /** How long a live job may go unmarked before it counts as left behind. */
    Duration silence() {
        return heartbeat.multipliedBy(4);
    }

    String liveStatesSql() {
        return String.join(", ", liveStates.stream().map(state -> "'" + state + "'").toList());
    }
}
