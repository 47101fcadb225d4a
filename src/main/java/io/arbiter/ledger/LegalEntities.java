package io.arbiter.ledger;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The legal entities the ledger knows (an invoice import creates those it names). */
@Repository
public class LegalEntities {

    private final JdbcClient jdbc;

    LegalEntities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<LegalEntity> all() {
        return jdbc.sql("select code, name, currency from ledger_entity order by code")
                .query((rs, n) -> new LegalEntity(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    public Optional<LegalEntity> find(String code) {
        return jdbc.sql("select code, name, currency from ledger_entity where code = ?").param(code)
                .query((rs, n) -> new LegalEntity(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    /**
     * The ledger's legal entity when it has exactly one: what a question that names no entity is about. Empty when the
     * ledger has none or several, where only the question can say which.
     */
    public Optional<LegalEntity> only() {
        List<LegalEntity> two = jdbc.sql("select code, name, currency from ledger_entity order by code limit 2")
                .query((rs, n) -> new LegalEntity(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        return two.size() == 1 ? Optional.of(two.getFirst()) : Optional.empty();
    }
}
