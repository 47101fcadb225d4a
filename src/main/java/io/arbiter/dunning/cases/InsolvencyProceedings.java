package io.arbiter.dunning.cases;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Repository;

import io.arbiter.bureau.InsolvencyReported;
import io.arbiter.law.ClaimDeclaration;
import io.arbiter.law.CreditorDomicile;
import io.arbiter.shared.CompanyKey;

/**
 * Insolvency proceedings by company ({@link CompanyKey}: whichever number the ledger holds, SIREN, SIRET or VAT, finds
 * them), as the bureaus report them. A bureau report gives no publication date, so its date is kept as the best date
 * known and flagged approximate; an exact date replaces an approximate one, and of two approximate dates the earlier
 * stays (a later report of the same proceedings does not move the deadline).
 */
@Repository
public class InsolvencyProceedings {

    /**
     * @param judgmentOn the opening judgment, when known: interest on earlier debts stops there (L622-28)
     * @param publishedOn the BODACC publication, from which the claim deadline runs; or the best date known
     * @param approximate whether {@code publishedOn} is only the best date known (a bureau report's date)
     */
    public record Proceedings(@Nullable LocalDate judgmentOn, LocalDate publishedOn, boolean approximate) {

        /** The day the law's effects start: the judgment when known, else the publication (which follows it). */
        public LocalDate opening() {
            return judgmentOn == null ? publishedOn : judgmentOn;
        }

        public LocalDate claimDeadline() {
            return ClaimDeclaration.deadline(publishedOn, CreditorDomicile.METROPOLITAN_FRANCE);
        }
    }

    private final JdbcClient jdbc;

    InsolvencyProceedings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The bureaus report insolvency proceedings: from now on the customer gets only the claim declaration. Runs once the
     * report is stored, in a transaction of its own, retried until it succeeds; recording the same report again changes
     * nothing.
     */
    @ApplicationModuleListener
    void on(InsolvencyReported event) {
        record(event.company(), event.provider(), null, event.reportDate(), true);
    }

    void record(CompanyKey company, String provider, @Nullable LocalDate judgmentOn, LocalDate publishedOn,
            boolean approximate) {
        jdbc.sql("""
                insert into dunning_proceedings (company_key, provider, judgment_on, published_on, approximate)
                values (?, ?, ?, ?, ?)
                on conflict (company_key) do update
                    set provider = excluded.provider, judgment_on = excluded.judgment_on,
                        published_on = excluded.published_on, approximate = excluded.approximate
                    where dunning_proceedings.approximate
                      and (not excluded.approximate or excluded.published_on < dunning_proceedings.published_on)""")
                .params(company.toString(), provider, judgmentOn, publishedOn, approximate).update();
    }

    Optional<Proceedings> of(CompanyKey company) {
        return jdbc.sql("select judgment_on, published_on, approximate from dunning_proceedings where company_key = ?")
                .param(company.toString())
                .query((rs, n) -> new Proceedings(rs.getObject("judgment_on", LocalDate.class),
                        rs.getObject("published_on", LocalDate.class), rs.getBoolean("approximate")))
                .optional();
    }

    /** Every company's proceedings, for the agenda's single pass. */
    public Map<CompanyKey, Proceedings> all() {
        Map<CompanyKey, Proceedings> all = new HashMap<>();
        jdbc.sql("select company_key, judgment_on, published_on, approximate from dunning_proceedings").query(rs -> {
            all.put(CompanyKey.parse(rs.getString("company_key")), new Proceedings(
                    rs.getObject("judgment_on", LocalDate.class), rs.getObject("published_on", LocalDate.class),
                    rs.getBoolean("approximate")));
        });
        return all;
    }
}
