package io.arbiter.ledger.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.ledger.promises.PromiseKeeping;
import io.arbiter.ledger.tables.Table;
import io.arbiter.ledger.tables.UnreadableFile;

/**
 * Runs one import in one transaction: the file is streamed row by row, each row checked and COPYed into a temporary
 * staging table; then the checks that need the whole file or the ledger run in SQL; only when no row is in error (and
 * it is not a dry run) is the staging table merged into the ledger. Any error, or any failure, rolls everything back:
 * nothing is ever half-imported.
 */
@Component
class LedgerImporter {

    /** Told how far the reading is, every few thousand rows. */
    interface Progress {
        void report(int percent, long rowsRead);
    }

    private static final Logger log = LoggerFactory.getLogger(LedgerImporter.class);
    private static final int PROGRESS_EVERY = 10_000;

    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final LedgerWrites writes;
    private final PromiseKeeping promises;
    private final ImportMappings mappings;
    private final LedgerImportProperties properties;
    private final Clock clock;

    LedgerImporter(DataSource dataSource, PlatformTransactionManager transactions, JdbcClient jdbc, LedgerWrites writes,
            PromiseKeeping promises, ImportMappings mappings, LedgerImportProperties properties, Clock clock) {
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.writes = writes;
        this.promises = promises;
        this.mappings = mappings;
        this.properties = properties;
        this.clock = clock;
    }

    ImportResult run(Path file, ImportRequest request, Progress progress) {
        RowErrors errors = new RowErrors(properties.maxReportedErrors());
        try (Table table = Table.open(file)) {
            if (table.header().isEmpty()) {
                errors.add(1, "", "", "the file is empty");
                return failed("The file is empty.", 0, errors, List.of(), null);
            }
            Optional<ColumnMapping> saved = mappings.find(request.source());
            ColumnMapping mapping = saved.orElseGet(() -> MappingSuggester.suggest(request.kind(), table.header())
                    .named(request.source()));
            if (ImportKind.parse(mapping.kind()).orElse(null) != request.kind()) {
                return failed("The mapping '" + request.source() + "' reads " + mapping.kind() + " files, not "
                        + request.kind().label() + ".", 0, errors, List.of(), mapping);
            }
            ImportPlan plan = ImportPlan.of(request.kind(), mapping, table.header(), errors);
            if (plan == null) {
                return failed("The file's columns do not fit the mapping '" + request.source() + "' (" + table.description()
                        + ", header " + table.header() + ").", 0, errors, List.of(), mapping);
            }
            ImportResult result = transaction.execute(status -> {
                ImportResult outcome = stageAndMerge(table, plan, request, errors, progress, mapping);
                if (!outcome.succeeded() || request.dryRun()) {
                    status.setRollbackOnly();
                }
                return outcome;
            });
            if (result != null && result.succeeded() && !request.dryRun() && saved.isEmpty()) {
                mappings.save(mapping, request.requestedBy() == null ? "import" : request.requestedBy());
            }
            return result;
        } catch (UnreadableFile e) {
            errors.add(e.row, "", "", e.getMessage());
            return failed(e.getMessage() + " Nothing was imported.", 0, errors, List.of(), null);
        } catch (IOException | UncheckedIOException e) {
            return failed("The file cannot be read: " + e.getMessage() + ". Nothing was imported.", 0, errors, List.of(), null);
        }
    }

    private ImportResult stageAndMerge(Table table, ImportPlan plan, ImportRequest request, RowErrors errors,
            Progress progress, ColumnMapping mapping) {
        long started = System.nanoTime();
        jdbc.sql("select pg_advisory_xact_lock(hashtext('arbiter.ledger.import'))").query().singleRow();
        writes.createStage(plan);
        RowConverter converter = new RowConverter(plan, errors);
        List<Map<String, Object>> preview = new ArrayList<>();
        long rows = 0;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new PGCopyOutputStream(connection.unwrap(PGConnection.class), writes.copyCommand(plan), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder(256);
            for (Table.Row row = table.next(); row != null; row = table.next()) {
                rows++;
                line.setLength(0);
                if (converter.convert(row, line)) {
                    out.append(line);
                }
                if (preview.size() < properties.previewRows()) {
                    preview.add(converter.preview(row.number()));
                }
                if (rows % PROGRESS_EVERY == 0) {
                    progress.report(table.percent(), rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Staging the file failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.report(100, rows);
        if (rows == 0) {
            errors.add(2, "", "", "the file has a header but no rows");
        }
        long staged = System.nanoTime();
        if (!errors.any()) {
            writes.check(plan, errors, properties.maxReportedErrors(), converter.keysMayRepeat());
        }
        long checked = System.nanoTime();
        if (errors.any()) {
            return failed(errors.count() + " error(s) in the file: nothing was imported. Fix them and import it again.",
                    rows, errors, preview, mapping);
        }
        if (request.dryRun()) {
            return new ImportResult(true, "Dry run: the file is valid (" + table.description() + "); nothing was written.",
                    rows, 0, 0, 0, 0, 0, 0, 0, List.of(), preview, mapping, converter.flags().count(),
                    converter.flags().list());
        }
        LedgerWrites.Counts counts = writes.merge(plan, request, rows, converter, LocalDate.now(clock));
        // Payments, credit notes and settled invoices may keep promises: judged in the same transaction.
        promises.judge(LocalDate.now(clock));
        log.info("Ledger import of {} rows from {}: read and staged in {} ms, checked in {} ms, merged in {} ms", rows,
                request.source(), (staged - started) / 1_000_000, (checked - staged) / 1_000_000,
                (System.nanoTime() - checked) / 1_000_000);
        long unchanged = plan.kind() == ImportKind.PAYMENTS || plan.kind() == ImportKind.CREDIT_NOTES
                ? rows - counts.imported() : rows - counts.imported() - counts.updated();
        return new ImportResult(true, "Imported (" + table.description() + ").", rows, counts.imported(), counts.updated(),
                unchanged, counts.settled(), counts.customersCreated(), counts.customersUpdated(), 0, List.of(), preview,
                mapping, converter.flags().count(), converter.flags().list());
    }

    private static ImportResult failed(String message, long rows, RowErrors errors, List<Map<String, Object>> preview,
            ColumnMapping mapping) {
        return new ImportResult(false, message, rows, 0, 0, 0, 0, 0, 0, errors.count(), errors.list(), preview, mapping);
    }
}
