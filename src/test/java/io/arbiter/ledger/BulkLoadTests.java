package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.ApiTest;

/**
 * A bulk load drops a table's indexes and builds them again in the loading transaction: on a table of its own, with a
 * unique constraint, a partial index and an expression index, like the invoices'.
 */
class BulkLoadTests extends ApiTest {

    @Autowired
    private PlatformTransactionManager transactions;

    private String table;

    @BeforeEach
    void table() {
        table = "bulk_load_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("create table " + table + " (id bigint generated always as identity primary key, entity text not null,"
                + " number text not null, due date not null, status text not null, unique (entity, number))").update();
        jdbc.sql("create index " + table + "_open_by_due on " + table + " (due) where status = 'OPEN'").update();
        jdbc.sql("create index " + table + "_by_lower_number on " + table + " (lower(number))").update();
    }

    @AfterEach
    void drop() {
        jdbc.sql("drop table " + table).update();
    }

    private List<String> indexes() {
        return jdbc.sql("select indexdef from pg_indexes where tablename = ? order by indexname").param(table)
                .query(String.class).list();
    }

    private List<String> constraints() {
        return jdbc.sql("select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where conrelid = cast(? as regclass)"
                + " order by conname").param(table).query(String.class).list();
    }

    private long insert(int rows, String numbers) {
        return jdbc.sql("insert into " + table + " (entity, number, due, status) select 'E1', " + numbers
                + ", date '2026-01-01' + n, case when n % 2 = 0 then 'OPEN' else 'PAID' end from generate_series(1, ?) n")
                .param(rows).update();
    }

    @Test
    void the_rows_go_in_without_the_indexes_which_come_back_as_they_were() {
        List<String> indexes = indexes();
        List<String> constraints = constraints();
        assertThat(indexes).hasSize(4);

        long inserted = new TransactionTemplate(transactions).execute(status -> BulkLoad.withIndexesBuiltAfter(jdbc, table, () -> {
            assertThat(indexes()).as("only the primary key is kept during the insert").hasSize(1);
            return insert(5000, "'F-' || n");
        }));

        assertThat(inserted).isEqualTo(5000);
        assertThat(indexes()).isEqualTo(indexes);
        assertThat(constraints()).isEqualTo(constraints);
        assertThat(jdbc.sql("select count(*) from " + table + " where status = 'OPEN' and due > date '2026-01-01' + 4000")
                .query(Long.class).single()).isEqualTo(500);
    }

    @Test
    void rows_that_break_a_unique_constraint_fail_its_rebuild_and_leave_the_table_as_it_was() {
        insert(10, "'F-' || n");
        List<String> indexes = indexes();

        assertThatThrownBy(() -> new TransactionTemplate(transactions).execute(status ->
                BulkLoad.withIndexesBuiltAfter(jdbc, table, () -> insert(100, "'F-' || (n % 50)"))))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(jdbc.sql("select count(*) from " + table).query(Long.class).single()).isEqualTo(10);
        assertThat(indexes()).isEqualTo(indexes);
    }
}
