package io.arbiter.ledger.importing;

import java.time.LocalDate;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set-based SQL of an import, run on the staging table {@code ledger_stage} inside the import's transaction: the
 * checks that need the whole file or the ledger (duplicates, unknown customers, entities and invoices), then the merge
 * into the ledger. A row whose hash is unchanged is not touched, so that importing the same file twice changes nothing.
 * The checks are {@link StagedRowChecks}; each kind of file has its merge ({@link CustomerMerge}, {@link InvoiceMerge},
 * {@link OpenOrderMerge}, {@link SettlementMerge}).
 */
@Component
class LedgerWrites {

    /** What a merge did. */
    record Counts(long imported, long updated, long settled, long customersCreated, long customersUpdated) {
    }

    private final JdbcClient jdbc;
    private final StagedRowChecks checks;
    private final CustomerMerge master;
    private final InvoiceMerge invoices;
    private final OpenOrderMerge openOrders;
    private final SettlementMerge settlements;

    LedgerWrites(JdbcClient jdbc, StagedRowChecks checks, CustomerMerge master, InvoiceMerge invoices,
            OpenOrderMerge openOrders, SettlementMerge settlements) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.master = master;
        this.invoices = invoices;
        this.openOrders = openOrders;
        this.settlements = settlements;
    }

    void createStage(ImportPlan plan) {
        // Sorts and hashes over a million staged rows stay in memory; one import runs at a time.
        jdbc.sql("set local work_mem = '128MB'").update();
        jdbc.sql("create temp table ledger_stage (row bigint not null, " + plan.fields().stream()
                .map(field -> field.column() + " " + field.type().sqlType).collect(Collectors.joining(", "))
                + (plan.kind() == ImportKind.INVOICES ? ", row_hash text not null" : "") + ") on commit drop").update();
    }

    /** The COPY that fills the staging table with {@link RowConverter}'s lines (for invoices, the row hash last). */
    String copyCommand(ImportPlan plan) {
        return "copy ledger_stage (row, " + plan.fields().stream().map(ImportField::column).collect(Collectors.joining(", "))
                + (plan.kind() == ImportKind.INVOICES ? ", row_hash" : "") + ") from stdin";
    }

    /** @param keysMayRepeat false when the file is known to hold each natural key once ({@link RepeatedKeys}) */
    void check(ImportPlan plan, RowErrors errors, int limit, boolean keysMayRepeat) {
        checks.check(plan, errors, limit, keysMayRepeat);
    }

    /**
     * @param staged how many rows the staging table holds (every row of the file: a merge follows no error)
     * @param read what the reader gathered: the file's customers (each account's last row) and entities
     */
    Counts merge(ImportPlan plan, ImportRequest request, long staged, RowConverter read, LocalDate today) {
        return switch (plan.kind()) {
            case CUSTOMERS -> {
                long[] customers = master.customers(read.customers());
                yield new Counts(customers[0], customers[1], 0, customers[0], customers[1]);
            }
            case INVOICES -> invoices.merge(plan, request, staged, read, today);
            case OPEN_ORDERS -> openOrders.merge(request, read.entities());
            case PAYMENTS -> settlements.merge("ledger_payment", "reference", "received_on", "payment_id");
            case CREDIT_NOTES -> settlements.merge("ledger_credit_note", "number", "issued_on", "credit_note_id");
        };
    }
}
