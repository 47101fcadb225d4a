package io.arbiter.ledger;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.arbiter.security.PortfolioMembership;

/** The salespeople's portfolios as the ledger assigns them: each customer account names its salesperson. */
@Component
class LedgerPortfolios implements PortfolioMembership {

    private final JdbcClient jdbc;

    LedgerPortfolios(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean hasCompany(String salesperson, String country, String company) {
        return jdbc.sql("select exists (select 1 from ledger_customer where company_id = ? and country = ? and salesperson = ?)")
                .params(company, country, salesperson).query(Boolean.class).single();
    }

    @Override
    public boolean hasAccount(String salesperson, String account) {
        return jdbc.sql("select exists (select 1 from ledger_customer where account = ? and salesperson = ?)")
                .params(account, salesperson).query(Boolean.class).single();
    }

    @Override
    public List<String> companyKeys(String salesperson) {
        return jdbc.sql("select distinct country || ':' || company_id from ledger_customer where salesperson = ? and company_id is not null")
                .param(salesperson).query(String.class).list();
    }
}
