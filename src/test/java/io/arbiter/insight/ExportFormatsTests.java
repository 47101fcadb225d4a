package io.arbiter.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;

/** Finance staff open the KPI and cash-in exports in a French Excel, as CSV with ';' and decimal commas, or as XLSX. */
class ExportFormatsTests extends ApiTest {

    @Test
    void kpis_and_the_forecast_come_as_semicolon_csv_with_a_byte_order_mark() {
        Response kpis = get("/api/v1/kpis?asOf=2026-06-30&format=csv&dialect=semicolon", ANALYST);
        assertThat(kpis.status()).as(kpis.text()).isEqualTo(200);
        assertThat(kpis.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(kpis.text()).startsWith("\uFEFFkey;name;currency;openReceivables;overdue;");

        Response forecast = get("/api/v1/forecast/cash-in?asOf=2026-06-30&format=csv&dialect=semicolon", ANALYST);
        assertThat(forecast.status()).as(forecast.text()).isEqualTo(200);
        assertThat(forecast.text()).startsWith("\uFEFFweek;from;to;currency;promised;expected;total\r\n");
    }

    @Test
    void kpis_and_the_forecast_come_as_xlsx_workbooks() throws Exception {
        for (String path : new String[] {"/api/v1/kpis?asOf=2026-06-30&format=xlsx", "/api/v1/forecast/cash-in?format=xlsx"}) {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Bearer " + ANALYST).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains(".xlsx");
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
                String first = workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue();
                assertThat(first).isIn("key", "week");
            } catch (IOException e) {
                throw new AssertionError(path, e);
            }
        }
    }

    @Test
    void an_unknown_format_or_dialect_is_a_400_naming_it() {
        assertThat(refusedField(get("/api/v1/kpis?format=pdf", ANALYST))).isEqualTo("format");
        assertThat(refusedField(get("/api/v1/forecast/cash-in?format=csv&dialect=tab", ANALYST))).isEqualTo("dialect");
    }
}
