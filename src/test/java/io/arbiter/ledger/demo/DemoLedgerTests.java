package io.arbiter.ledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.arbiter.ApiTest;

/**
 * The demo ledger belongs to the quickstart only: an installation started without that profile (this test's) has no
 * demo loader and no demo entity. That the quickstart loads it once is checked by {@code DocsCommandsTests}.
 */
class DemoLedgerTests extends ApiTest {

    @Autowired
    ApplicationContext context;

    @Test
    void an_installation_without_the_quickstart_profile_gets_no_demo_ledger() {
        assertThat(context.getBeanNamesForType(DemoLedger.class)).isEmpty();
        assertThat(jdbc.sql("select count(*) from ledger_invoice where number = 'FA-26-0844' and entity_code = ?")
                .param(DemoLedger.ENTITY).query(Long.class).single()).isZero();
    }
}
