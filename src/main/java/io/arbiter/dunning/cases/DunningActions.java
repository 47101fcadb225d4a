package io.arbiter.dunning.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.arbiter.dunning.DunningApi;
import io.arbiter.dunning.OutcomeKind;
import io.arbiter.dunning.planning.Escalator;

/** The actions proposed and the outcomes recorded against them. */
@Repository
public class DunningActions {

    private final JdbcClient jdbc;

    DunningActions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record StoredAction(UUID id, String customerAccount, @Nullable Long ledgerCustomerId, @Nullable Integer step,
            String action, String channel, String template, boolean requiresConfirmation, String assignee,
            LocalDate proposedOn, List<String> invoiceKeys) {
    }

    /** An outcome with the action it belongs to, for history and for what is done. */
    public record StoredOutcome(long id, UUID actionId, String kind, LocalDate happenedOn, @Nullable String agent,
            @Nullable String note, @Nullable LocalDate promisedOn, @Nullable BigDecimal promisedAmount) {
    }

    /** Stores a proposed action once: proposing the same action again keeps the first proposal. */
    public void propose(StoredAction action, String proposalJson) {
        int inserted = jdbc.sql("""
                        insert into dunning_action (id, customer_account, ledger_customer_id, step, action, channel, template,
                                                    requires_confirmation, assignee, proposed_on, proposal)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb)) on conflict (id) do nothing""")
                .params(action.id(), action.customerAccount(), action.ledgerCustomerId(), action.step(), action.action(),
                        action.channel(), action.template(), action.requiresConfirmation(), action.assignee(),
                        action.proposedOn(), proposalJson)
                .update();
        if (inserted > 0) {
            action.invoiceKeys().forEach(key -> jdbc.sql("insert into dunning_action_invoice (action_id, invoice_key) values (?, ?)")
                    .params(action.id(), key).update());
        }
    }

    public Optional<StoredAction> find(UUID id) {
        return actions("where a.id = ?", id).stream().findFirst();
    }

    public List<StoredAction> ofCustomer(String account) {
        return actions("where a.customer_account = ?", account);
    }

    private List<StoredAction> actions(String where, Object param) {
        Map<UUID, List<String>> keys = new HashMap<>();
        jdbc.sql("select ai.action_id, ai.invoice_key from dunning_action_invoice ai join dunning_action a on a.id = ai.action_id "
                        + where + " order by ai.invoice_key")
                .param(param)
                .query(rs -> {
                    keys.computeIfAbsent(rs.getObject("action_id", UUID.class), k -> new ArrayList<>()).add(rs.getString("invoice_key"));
                });
        return jdbc.sql("""
                        select a.id, a.customer_account, a.ledger_customer_id, a.step, a.action, a.channel, a.template,
                               a.requires_confirmation, a.assignee, a.proposed_on
                        from dunning_action a
                        """ + where + " order by a.proposed_on, a.created_at")
                .param(param)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new StoredAction(id, rs.getString("customer_account"), (Long) rs.getObject("ledger_customer_id"),
                            (Integer) rs.getObject("step"), rs.getString("action"), rs.getString("channel"),
                            rs.getString("template"), rs.getBoolean("requires_confirmation"), rs.getString("assignee"),
                            rs.getObject("proposed_on", LocalDate.class), List.copyOf(keys.getOrDefault(id, List.of())));
                }).list();
    }

    public long recordOutcome(UUID actionId, String customer, OutcomeKind kind, LocalDate happenedOn, @Nullable String agent,
            @Nullable String confirmedBy, @Nullable String note, @Nullable String language, @Nullable String text,
            @Nullable Long promiseId, @Nullable Long disputeId, @Nullable LocalDate promisedOn,
            @Nullable BigDecimal promisedAmount, @Nullable List<String> disputedInvoices, String recordedBy) {
        return jdbc.sql("""
                        insert into dunning_outcome (action_id, customer_account, kind, happened_on, agent, confirmed_by, note,
                                                     language, personalised_text, promise_id, dispute_id, promised_on,
                                                     promised_amount, disputed_invoices, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(actionId, customer, kind.name(), happenedOn, agent, confirmedBy, note, language, text, promiseId,
                        disputeId, promisedOn, promisedAmount,
                        disputedInvoices == null ? null : disputedInvoices.toArray(String[]::new), recordedBy)
                .query(Long.class).single();
    }

    /** A message as it was sent: the text of the action's latest {@code SENT} outcome that kept one. */
    public record SentText(String language, String text, LocalDate sentOn) {
    }

    public Optional<SentText> lastSent(UUID actionId) {
        return jdbc.sql("""
                        select language, personalised_text, happened_on from dunning_outcome
                        where action_id = ? and kind = 'SENT' and personalised_text is not null
                        order by id desc limit 1""")
                .param(actionId)
                .query((rs, n) -> new SentText(rs.getString("language").strip(), rs.getString("personalised_text"),
                        rs.getObject("happened_on", LocalDate.class)))
                .optional();
    }

    /** The action as first proposed (the JSON of {@link DunningApi.Action}). */
    public Optional<String> proposal(UUID actionId) {
        return jdbc.sql("select proposal::text from dunning_action where id = ?").param(actionId).query(String.class)
                .optional();
    }

    /** Outcomes of a customer's actions, oldest first, by action. */
    public Map<UUID, List<StoredOutcome>> outcomes(String account) {
        Map<UUID, List<StoredOutcome>> byAction = new LinkedHashMap<>();
        jdbc.sql("""
                        select id, action_id, kind, happened_on, agent, note, promised_on, promised_amount
                        from dunning_outcome where customer_account = ? order by happened_on, id""")
                .param(account)
                .query(rs -> {
                    StoredOutcome outcome = outcome(rs);
                    byAction.computeIfAbsent(outcome.actionId(), k -> new ArrayList<>()).add(outcome);
                });
        return byAction;
    }

    /** What was done up to a date, for every customer: account → done entries. */
    public Map<String, List<Escalator.Done>> doneByCustomer(LocalDate upTo) {
        Map<String, List<Escalator.Done>> done = new HashMap<>();
        jdbc.sql("""
                        select o.customer_account, ai.invoice_key, a.step, a.action, min(o.happened_on) as happened_on
                        from dunning_outcome o join dunning_action a on a.id = o.action_id
                                               join dunning_action_invoice ai on ai.action_id = a.id
                        where o.kind in (:kinds) and o.happened_on <= :upTo
                        group by o.customer_account, ai.invoice_key, a.step, a.action""")
                .param("kinds", doneKinds()).param("upTo", upTo)
                .query(rs -> {
                    done.computeIfAbsent(rs.getString("customer_account"), k -> new ArrayList<>()).add(new Escalator.Done(
                            rs.getString("invoice_key"), (Integer) rs.getObject("step"), rs.getString("action"),
                            rs.getObject("happened_on", LocalDate.class)));
                });
        return done;
    }

    public List<Escalator.Done> done(String account, LocalDate upTo) {
        return jdbc.sql("""
                        select ai.invoice_key, a.step, a.action, min(o.happened_on) as happened_on
                        from dunning_outcome o join dunning_action a on a.id = o.action_id
                                               join dunning_action_invoice ai on ai.action_id = a.id
                        where o.customer_account = :account and o.kind in (:kinds) and o.happened_on <= :upTo
                        group by ai.invoice_key, a.step, a.action""")
                .param("account", account).param("kinds", doneKinds()).param("upTo", upTo)
                .query((rs, n) -> new Escalator.Done(rs.getString("invoice_key"), (Integer) rs.getObject("step"),
                        rs.getString("action"), rs.getObject("happened_on", LocalDate.class)))
                .list();
    }

    /** Promises and disputes recorded through outcomes, for customers the ledger does not hold (inline open items). */
    List<StoredOutcomeWithKeys> promisesAndDisputes(String account) {
        return jdbc.sql("""
                        select o.id, o.action_id, o.kind, o.happened_on, o.agent, o.note, o.promised_on, o.promised_amount,
                               case when o.kind = 'DISPUTE' then o.disputed_invoices
                                    else array(select ai.invoice_key from dunning_action_invoice ai where ai.action_id = o.action_id)
                               end as keys
                        from dunning_outcome o
                        where o.customer_account = ? and o.kind in ('PROMISE_TO_PAY', 'DISPUTE')
                        order by o.happened_on, o.id""")
                .param(account)
                .query((rs, n) -> new StoredOutcomeWithKeys(outcome(rs),
                        List.of((String[]) rs.getArray("keys").getArray())))
                .list();
    }

    record StoredOutcomeWithKeys(StoredOutcome outcome, List<String> invoiceKeys) {
    }

    private static List<String> doneKinds() {
        return java.util.Arrays.stream(OutcomeKind.values()).filter(OutcomeKind::done).map(Enum::name).toList();
    }

    private static StoredOutcome outcome(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredOutcome(rs.getLong("id"), rs.getObject("action_id", UUID.class), rs.getString("kind"),
                rs.getObject("happened_on", LocalDate.class), rs.getString("agent"), rs.getString("note"),
                rs.getObject("promised_on", LocalDate.class), rs.getBigDecimal("promised_amount"));
    }
}
