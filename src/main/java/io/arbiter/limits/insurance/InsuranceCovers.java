package io.arbiter.limits.insurance;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.arbiter.limits.Company;
import io.arbiter.shared.Money;

/**
 * The credit insurer's decisions per buyer, as imported, and the cover in force on a day: the latest decision in effect
 * that day. A refused or cancelled buyer, or a decision past its expiry date, has a cover of 0: the insurer covers
 * nothing on it, so nothing above 0 is granted on its cover.
 */
@Service
public class InsuranceCovers {

    /**
     * One decision of the insurer on a buyer.
     *
     * @param decision {@code FULL}, {@code PARTIAL}, {@code REDUCED}, {@code REFUSED} or {@code CANCELLED}
     * @param expiresOn the last day it covers; null when open-ended
     */
    public record Cover(long id, UUID importId, String insurer, Company company, String decision, Money amount,
            LocalDate effectiveFrom, @Nullable LocalDate expiresOn, String insurerReference, int fileRow, Instant importedAt) {

        /** What this decision covers on {@code day}: 0 once refused, cancelled or expired. */
        public Money coverOn(LocalDate day) {
            boolean covers = !decision.equals("REFUSED") && !decision.equals("CANCELLED")
                    && (expiresOn == null || !expiresOn.isBefore(day));
            return covers ? amount : Money.of(BigDecimal.ZERO, amount.currency());
        }
    }

    private static final String COVERS = """
            select id, import_id, insurer, registration_number, country, decision, amount, currency, effective_from,
                   expires_on, insurer_reference, file_row, imported_at from insurance_cover""";

    private final JdbcClient jdbc;

    InsuranceCovers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The decision in effect on {@code day}: the latest effective one, the latest imported among equals. */
    public Optional<Cover> inForce(String country, String company, LocalDate day) {
        return jdbc.sql(COVERS + " where country = ? and company = ? and effective_from <= ?"
                + " order by effective_from desc, id desc limit 1")
                .params(country, company, Date.valueOf(day)).query((rs, n) -> cover(rs)).optional();
    }

    /** Every decision imported for the company, newest first: its history. */
    public List<Cover> history(String country, String company) {
        return jdbc.sql(COVERS + " where country = ? and company = ? order by effective_from desc, id desc")
                .params(country, company).query((rs, n) -> cover(rs)).list();
    }

    static Cover cover(java.sql.ResultSet rs) throws java.sql.SQLException {
        Date expires = rs.getDate(10);
        return new Cover(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                new Company(rs.getString(4), rs.getString(5)), rs.getString(6),
                Money.of(rs.getBigDecimal(7), Currency.getInstance(rs.getString(8))), rs.getDate(9).toLocalDate(),
                expires == null ? null : expires.toLocalDate(), rs.getString(11), rs.getInt(12),
                rs.getTimestamp(13).toInstant());
    }
}
