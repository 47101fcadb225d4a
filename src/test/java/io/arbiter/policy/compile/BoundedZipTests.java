package io.arbiter.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

/**
 * The zip limits an uploaded workbook or bundle is held to. POI's own guard refuses any part that inflates more than
 * 100 times, which refused a real 3 KB workbook from the Drools project (its styles compress that well); a small file
 * is no threat however well it compresses, so the ratio counts only beyond 1 MB inflated.
 */
class BoundedZipTests {

    @Test
    void a_small_part_that_compresses_five_hundred_times_is_read() throws Exception {
        byte[] zip = zipOf(900 * 1024);
        assertThat(900 * 1024 / zip.length).as("the inflation ratio of this zip").isGreaterThan(100);

        assertThat(BoundedZip.inflate(zip).get("xl/styles.xml")).hasSize(900 * 1024);
    }

    @Test
    void a_part_that_grows_past_a_megabyte_at_that_ratio_is_refused_with_a_message_a_person_can_act_on() throws Exception {
        byte[] zip = zipOf(8 * 1024 * 1024);

        assertThatThrownBy(() -> BoundedZip.inflate(zip)).isInstanceOf(BoundedZip.TooLarge.class)
                .hasMessageContaining("when unzipped").hasMessageContaining("save the workbook again from Excel");
    }

    private static byte[] zipOf(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("xl/styles.xml"));
            zip.write(new byte[size]);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
