package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.arbiter.ApiTest;

/** Unattended ERP exports: a file dropped in the watched folder is imported, then moved to done/ or failed/. */
class LedgerWatchedFolderTests extends ApiTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Path INBOX = createInbox();

    private static Path createInbox() {
        try {
            return Files.createTempDirectory("ledger-inbox-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void watchTheInbox(DynamicPropertyRegistry registry) {
        registry.add("arbiter.ledger.import.watch-directory", INBOX::toString);
        registry.add("arbiter.ledger.import.watch-interval", () -> "200ms");
        registry.add("arbiter.ledger.import.settle-time", () -> "300ms");
        registry.add("arbiter.ledger.import.watched-files[0].pattern", () -> "RELANCES_*.csv");
        registry.add("arbiter.ledger.import.watched-files[0].kind", () -> "invoices");
        registry.add("arbiter.ledger.import.watched-files[0].source", () -> "collection-agency");
        registry.add("arbiter.ledger.import.watched-files[0].mode", () -> "snapshot");
    }

    /** Written elsewhere then moved in, as an ERP should, so that the folder never shows half a file. */
    private static void drop(String name, String content) throws IOException {
        Path written = Files.createTempFile("export-", ".tmp");
        Files.write(written, content.getBytes(WINDOWS_1252));
        Files.move(written, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path awaitFile(String folder, Predicate<String> name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(INBOX.resolve(folder))) {
                List<Path> found = files.filter(file -> name.test(file.getFileName().toString())).toList();
                if (!found.isEmpty()) {
                    return found.getFirst();
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // the folder is created when the watcher starts
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No file in " + folder + " after 60 s");
    }

    @Test
    void a_dropped_export_is_imported_and_moved_to_done_and_a_bad_one_to_failed_with_its_errors() throws Exception {
        String entity = LedgerFixtures.unique("FR");
        String account = LedgerFixtures.unique("C");
        String header = "Société;Code client;Raison sociale;N° facture;Date facture;Date échéance;Montant TTC;Devise\r\n";
        drop("notes.txt", "not an export");
        drop("RELANCES_2026-04-01.csv", header + entity + ";" + account + ";Garage Roux;F-1;01/03/2026;31/03/2026;1 500,00;EUR\r\n"
                + entity + ";" + account + ";Garage Roux;F-2;05/03/2026;04/04/2026;250,00;EUR\r\n");

        Path done = awaitFile("done", name -> name.endsWith("RELANCES_2026-04-01.csv"));

        assertThat(Files.exists(INBOX.resolve("RELANCES_2026-04-01.csv"))).isFalse();
        assertThat(Files.readString(done, WINDOWS_1252)).contains("Garage Roux");
        assertThat(jdbc.sql("select string_agg(number || '=' || amount, ',' order by number) from ledger_invoice where entity_code = ?")
                .param(entity).query(String.class).single()).isEqualTo("F-1=1500.00,F-2=250.00");

        drop("RELANCES_2026-04-15.csv", header + entity + ";" + account + ";Garage Roux;F-1;01/03/2026;31/03/2026;1 500,00;EUR\r\n"
                + entity + ";" + account + ";Garage Roux;F-3;15/03/2026;14/04/2026;-80,00;EUR\r\n");

        Path errors = awaitFile("failed", name -> name.endsWith("RELANCES_2026-04-15.csv.errors.csv"));

        assertThat(Files.readString(errors)).startsWith("\uFEFFrow;column;value;message\r\n")
                .contains("3;Montant TTC;-80,00;negative amount not allowed");
        assertThat(awaitFile("failed", name -> name.endsWith("RELANCES_2026-04-15.csv"))).exists();
        assertThat(jdbc.sql("select count(*) from ledger_invoice where entity_code = ? and status = 'OPEN'").param(entity)
                .query(Long.class).single()).as("the failed snapshot settled nothing").isEqualTo(2);
        assertThat(Files.exists(INBOX.resolve("notes.txt"))).as("a file no pattern claims is left alone").isTrue();
    }
}
