package io.arbiter.ledger;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.swagger.v3.oas.annotations.media.Schema;

import io.arbiter.shared.CompanyKey;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;

/**
 * The ledger's customers as people look for them: by company name, by one of the company's numbers (SIREN, SIRET or VAT
 * number, read by {@link CompanyKey}'s rule, so any of them finds the company) or by ledger account; one company per
 * result with all its accounts, as exposure counts them.
 */
@Service
public class CustomerDirectory {

    /** A company of the ledger: its company key ({@code FR:552100554}), a name, its accounts and groups. */
    @Schema(name = "CustomerDirectoryCompany") // another API class has this simple name (SchemaNamesTests)
    public record Company(String companyId, String country, String registrationNumber, String name, List<String> accounts,
            List<String> groups, List<String> salespeople) {
    }

    /** One ledger account of a company. */
    public record Account(long id, String account, String name, @Nullable String registrationNumber,
            @Nullable String groupCode, @Nullable String groupName, @Nullable String salesperson,
            @Nullable Integer paymentTermsDays, @Nullable LocalDate customerSince, boolean publicSector) {
    }

    private static final String COMPANIES = """
            select c.country, c.company_id, min(c.name) as name,
                   array_agg(c.account order by c.account) as accounts,
                   coalesce(array_agg(distinct c.group_code) filter (where c.group_code is not null), '{}') as groups,
                   coalesce(array_agg(distinct c.salesperson) filter (where c.salesperson is not null), '{}') as salespeople
            from ledger_customer c
            where c.company_id is not null
            """;

    private final JdbcClient jdbc;

    CustomerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The companies whose name contains {@code query}, whose number names the same company, or one of whose accounts
     * starts with it (every company when it is blank), by name, {@code limit} at a time; only those of
     * {@code companyKeys} when it is not null (a salesperson's portfolio).
     */
    public Page<Company> search(@Nullable String query, @Nullable List<String> companyKeys, int limit, @Nullable String cursor) {
        String[] after = Paging.position(cursor, "customers", 2, parts -> CompanyKey.parse(parts[1]));
        StringBuilder sql = new StringBuilder(COMPANIES);
        Map<String, Object> params = new HashMap<>();
        if (companyKeys != null) {
            sql.append(" and (c.country || ':' || c.company_id) = any(:keys)");
            params.put("keys", companyKeys.toArray(String[]::new));
        }
        String q = query == null ? "" : query.strip();
        if (!q.isEmpty()) {
            sql.append("""
                     and (c.country, c.company_id) in (select m.country, m.company_id from ledger_customer m
                         where m.name ilike :contains escape '\\' or upper(m.account) like :prefix escape '\\'
                               or m.company_id = :number)""");
            String literal = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("contains", "%" + literal + "%");
            params.put("prefix", literal.toUpperCase(Locale.ROOT) + "%");
            params.put("number", CompanyKey.of("FR", q).map(CompanyKey::company).orElse(""));
        }
        sql.append(" group by c.country, c.company_id");
        if (after != null) {
            sql.append(" having (min(c.name), c.country || ':' || c.company_id) > (:afterName, :afterKey)");
            params.put("afterName", after[0]);
            params.put("afterKey", after[1]);
        }
        sql.append(" order by min(c.name), c.country || ':' || c.company_id limit :limit");
        params.put("limit", limit + 1);
        List<Company> rows = jdbc.sql(sql.toString()).params(params).query(CustomerDirectory::company).list();
        return Page.of(rows, limit, last -> Paging.cursor("customers", last.name(), last.companyId()));
    }

    /** The company with this key, as {@link #search} lists it; empty when no account of the ledger is its. */
    public java.util.Optional<Company> company(CompanyKey key) {
        return jdbc.sql(COMPANIES + " and c.country = ? and c.company_id = ? group by c.country, c.company_id")
                .params(key.country(), key.company()).query(CustomerDirectory::company).optional();
    }

    /** The company key of the company a ledger account belongs to; empty without the account or its number. */
    public java.util.Optional<String> companyIdOf(String account) {
        return jdbc.sql("select trim(country) || ':' || company_id from ledger_customer where account = ? and company_id is not null")
                .param(account).query(String.class).optional();
    }

    /** The company's accounts, in account order. */
    public List<Account> accounts(CompanyKey key) {
        return jdbc.sql("""
                        select c.id, c.account, c.name, c.registration_number, c.group_code, g.name as group_name,
                               c.salesperson, c.payment_terms_days, c.customer_since, c.public_sector
                        from ledger_customer c left join ledger_customer_group g on g.code = c.group_code
                        where c.country = ? and c.company_id = ? order by c.account""")
                .params(key.country(), key.company())
                .query((rs, n) -> new Account(rs.getLong("id"), rs.getString("account"), rs.getString("name"),
                        rs.getString("registration_number"), rs.getString("group_code"), rs.getString("group_name"),
                        rs.getString("salesperson"), (Integer) rs.getObject("payment_terms_days"),
                        rs.getObject("customer_since", LocalDate.class), rs.getBoolean("public_sector")))
                .list();
    }

    private static Company company(ResultSet rs, int row) throws SQLException {
        String country = rs.getString("country").strip();
        String company = rs.getString("company_id");
        return new Company(country + ":" + company, country, company, rs.getString("name"), strings(rs.getArray("accounts")),
                strings(rs.getArray("groups")), strings(rs.getArray("salespeople")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
