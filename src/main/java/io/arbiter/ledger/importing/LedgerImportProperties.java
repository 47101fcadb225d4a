package io.arbiter.ledger.importing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The ledger import.
 *
 * @param maxUploadSize largest file sent as a request body ({@code POST /api/v1/ledger/imports} with the file as the
 *        body); multipart uploads stay under {@code spring.servlet.multipart.max-file-size}
 * @param maxReportedErrors errors kept per job (all are counted)
 * @param previewRows rows shown in a job's preview
 * @param watchDirectory folder polled for unattended ERP exports; off when empty
 * @param watchInterval how often the folder is polled
 * @param settleTime a file is taken only once it has not changed for this long (the ERP may still be writing it)
 * @param watchedFiles which file names are imported how; a file matching none is left where it is
 * @param heartbeat how often an instance marks the jobs it has queued or running as alive; a job not marked for four
 *        heartbeats was left by an instance that stopped, and is marked FAILED
 */
@ConfigurationProperties("arbiter.ledger.import")
public record LedgerImportProperties(@DefaultValue("1GB") DataSize maxUploadSize, @DefaultValue("200") int maxReportedErrors,
        @DefaultValue("10") int previewRows, @Nullable Path watchDirectory, @DefaultValue("10s") Duration watchInterval,
        @DefaultValue("2s") Duration settleTime, @DefaultValue List<WatchedFile> watchedFiles,
        @DefaultValue("15s") Duration heartbeat) {

    /**
     * @param pattern a glob on the file name, e.g. {@code balance_*.csv}
     * @param kind what such files hold
     * @param source the mapping that reads them
     * @param mode snapshot or delta
     */
    public record WatchedFile(String pattern, ImportKind kind, String source, @DefaultValue("DELTA") ImportMode mode) {
    }
}
