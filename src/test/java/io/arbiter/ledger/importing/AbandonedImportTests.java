package io.arbiter.ledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * An import job left behind by an instance that stopped (crashed or redeployed while the job was queued or running)
 * is shown FAILED, with what to do, instead of RUNNING forever; jobs an instance is still marking alive are left alone.
 */
class AbandonedImportTests extends ApiTest {

    @Autowired
    LedgerImportService imports;

    @Test
    void a_job_no_instance_keeps_alive_fails_and_says_to_send_the_file_again_while_a_live_one_is_left_running() {
        UUID abandoned = job("RUNNING", "now() - interval '5 minutes'");
        UUID queuedLongAgo = job("QUEUED", "now() - interval '5 minutes'");
        UUID alive = job("RUNNING", "now()");

        imports.heartbeat();

        JsonNode failed = get("/api/v1/ledger/imports/" + abandoned, ANALYST).body();
        assertThat(failed.get("state").asString()).isEqualTo("FAILED");
        assertThat(failed.get("message").asString())
                .isEqualTo("Arbiter stopped while this import was running; nothing was written. Send the file again.");
        assertThat(failed.get("finishedAt").isNull()).isFalse();
        assertThat(get("/api/v1/ledger/imports/" + queuedLongAgo, ANALYST).body().get("message").asString())
                .startsWith("Arbiter stopped while this import was queued");
        assertThat(get("/api/v1/ledger/imports/" + alive, ANALYST).body().get("state").asString()).isEqualTo("RUNNING");
        jdbc.sql("delete from ledger_import_job where id = ?").param(alive).update();
    }

    private UUID job(String state, String heartbeat) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into ledger_import_job (id, kind, source, mode, dry_run, file_name, state, started_at, heartbeat_at)
                values (?, 'invoices', 'erp', 'DELTA', false, 'balance.csv', ?, now() - interval '6 minutes', %s)"""
                .formatted(heartbeat)).params(id, state).update();
        return id;
    }
}
