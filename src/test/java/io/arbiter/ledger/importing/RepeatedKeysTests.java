package io.arbiter.ledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedKeysTests {

    @Test
    void a_million_distinct_invoice_numbers_never_look_repeated_so_the_sql_check_is_skipped() {
        RepeatedKeys keys = new RepeatedKeys();
        for (int i = 0; i < 1_000_000; i++) {
            keys.add("FR01", "INV-" + i);
        }
        keys.add("DE01", "INV-1");
        keys.add("FR0", "1INV-1");

        assertThat(keys.anyMayRepeat()).isFalse();
    }

    @Test
    void a_number_given_twice_in_one_entity_is_flagged() {
        RepeatedKeys keys = new RepeatedKeys();
        for (int i = 0; i < 10_000; i++) {
            keys.add("FR01", "INV-" + i);
        }
        keys.add("FR01", "INV-9999");

        assertThat(keys.anyMayRepeat()).isTrue();
    }
}
