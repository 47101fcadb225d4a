package io.arbiter.ledger;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The legal entities the ledger knows (an invoice import creates those it names). */
@Repository
class LegalEntities {

    private final JdbcClient jdbc;

    LegalEntities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<LegalEntity> all() {
        return jdbc.sql("select code, name, currency from ledger_entity order by code")
                .query((rs, n) -> new LegalEntity(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }
}
