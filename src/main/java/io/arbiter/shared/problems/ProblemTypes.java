package io.arbiter.shared.problems;

import java.util.List;

/**
 * Every kind of problem the API answers, with its HTTP status and what it means to a client: the one list that
 * docs/integration-guide.md's table is generated from ({@code ProblemTypesTests}), and that test also fails when code
 * throws a kind missing here. A client branches on {@code type}, {@code urn:arbiter:problem:<kind>}, so a kind is added
 * here with its meaning before it is thrown, and never renamed.
 */
public final class ProblemTypes {

    /**
     * @param kind the last part of the {@code type} URN
     * @param status the HTTP status it is answered with
     * @param when what happened, for the developer of a client
     */
    public record Type(String kind, int status, String when) {
    }

    public static final List<Type> ALL = List.of(
            new Type("invalid-request", 400, "a parameter or field is missing, of the wrong type (a date, a UUID, a"
                    + " number) or out of range; `errors[]` names it"),
            new Type("malformed-request", 400, "the body is not JSON, has an unknown field or a value of the wrong type"),
            new Type("invalid-cursor", 400, "a `cursor` the list did not give, or one altered (see paging)"),
            new Type("invalid-import", 400, "a ledger import that cannot start: no file, an unknown kind or mode, an"
                    + " unreadable file"),
            new Type("invalid-mapping", 400, "a column mapping that cannot be saved (an unknown field, a mandatory one"
                    + " missing); `errors[]` and `fields` say which"),
            new Type("invalid-upload", 400, "a policy upload with no file, an unreadable zip or files Arbiter cannot use; `errors[]` names"
                    + " them"),
            new Type("invalid-cover-file", 400, "an insurer cover file with an unknown buyer, an unreadable cell or"
                    + " overlapping decisions; `errors[{file, row, field, message}]`, nothing imported"),
            new Type("invalid-contribution", 400, "a pool member's monthly experiences with wrong fields (pool server)"),
            new Type("outcome-missing", 400, "the console's agenda: an outcome recorded without its kind"),
            new Type("confirmation-missing", 400, "the console's agenda: an action that needs a person's confirmation"
                    + " sent without it"),
            new Type("unauthenticated", 401, "no API key, or an unknown one"),
            new Type("forbidden", 403, "the key's roles do not allow the call, or a salesperson asks for another"
                    + " salesperson's portfolio (a customer outside their own is `customer-not-found`)"),
            new Type("approval-by-author", 403, "the author of a policy version approves it: another person must"),
            new Type("drl-upload-forbidden", 403, "a finance role uploads a `.drl` file (policy developers and"
                    + " administrators only)"),
            new Type("maker-checker", 403, "the requester of a limit gives its verdict: another person must"),
            new Type("approver-role-too-low", 403, "a verdict by a role below the one the approval matrix asks for"),
            new Type("not-found", 404, "nothing at this path"),
            new Type("decision-not-found", 404, "no credit decision has this id"),
            new Type("customer-not-found", 404, "no ledger customer has this account or registration number, or it is"
                    + " outside the calling salesperson's portfolio"),
            new Type("policy-version-not-found", 404, "no policy version has this id"),
            new Type("policy-file-not-found", 404, "the policy version has no file of this name"),
            new Type("import-not-found", 404, "no ledger import has this id"),
            new Type("mapping-not-found", 404, "no column mapping has this name"),
            new Type("upload-not-found", 404, "the console's import wizard no longer keeps this upload (imported, a day"
                    + " old, or another person's): upload the file again"),
            new Type("simulation-not-found", 404, "no simulation of this version has this id"),
            new Type("limit-request-not-found", 404, "no limit request has this id (or it is outside the salesperson's"
                    + " portfolio)"),
            new Type("review-task-not-found", 404, "no limit review task has this id"),
            new Type("unknown-action", 404, "no dunning action has this id"),
            new Type("person-not-found", 404, "no local console account has this name"),
            new Type("insured-invoice-not-found", 404, "reporting an overdue to the insurer for an invoice that is not an"
                    + " unpaid invoice of a buyer insured under a configured contract (or no such invoice)"),
            new Type("webhook-delivery-not-found", 404, "no webhook delivery has this event id"),
            new Type("method-not-allowed", 405, "the path exists, not with this method"),
            new Type("not-acceptable", 406, "the `Accept` header asks for a format the endpoint does not produce"),
            new Type("request-id-reused", 409, "a credit decision's `requestId` sent again with another body"),
            new Type("policy-version-state", 409, "the policy version's state does not allow this (e.g. approving a"
                    + " published one)"),
            new Type("simulation-finished", 409, "cancelling a simulation that is over"),
            new Type("not-under-review", 409, "a verdict on a decision whose outcome is not `REVIEW`"),
            new Type("already-reviewed", 409, "a second verdict on a reviewed decision; verdicts are never replaced"),
            new Type("limit-request-pending", 409, "a limit request for a company that has one pending; `detail` names"
                    + " it"),
            new Type("limit-request-closed", 409, "a verdict on a limit request already approved, refused or expired"),
            new Type("review-task-closed", 409, "closing a limit review task that a person has already closed"),
            new Type("overdue-already-reported", 409, "reporting again an invoice already reported to the insurer;"
                    + " reports are never replaced"),
            new Type("webhook-delivered", 409, "sending again a webhook event its receiver has already accepted"),
            new Type("already-decided", 409, "a second verdict by the same person on a limit request"),
            new Type("pool-not-configured", 409, "a pool contribution from an Arbiter with no community pool"
                    + " configured"),
            new Type("action-not-due", 409, "sending or printing a dunning action that is not due on that day: already"
                    + " sent, or its invoices paid, disputed or under a promise to pay"),
            new Type("mail-not-configured", 409, "a dunning e-mail from an Arbiter with no SMTP server (`spring.mail.host`)"
                    + " or no sender (`arbiter.dunning.mail-from`): send it as a letter"),
            new Type("upload-too-large", 413, "an uploaded file larger than the server accepts"),
            new Type("request-too-large", 413, "a JSON body larger than `arbiter.http.max-json-size`"),
            new Type("unsupported-media-type", 415, "the `Content-Type` is not one the endpoint reads"),
            new Type("invalid-dunning-request", 422, "a dunning request that is well-formed but cannot be decided on;"
                    + " `errors[]` says where"),
            new Type("unsupported-currency", 422, "an amount in another currency than the credit policy's, or than the legal entity's"),
            new Type("invalid-policy", 422, "a policy file that does not compile, or a scenario that fails;"
                    + " `errors[{file, sheet, cell, message}]`, nothing stored"),
            new Type("policy-analysis-errors", 422, "a version whose tables have gaps or conflicting overlaps cannot"
                    + " be approved or published"),
            new Type("scenarios-dropped", 422, "an upload that drops scenarios of the active version without"
                    + " `allowDroppedScenarios=true`"),
            new Type("unknown-company", 422, "a limit request for a company no ledger customer carries: import the"
                    + " customer first"),
            new Type("unknown-decision", 422, "a limit request naming a `decisionId` that does not exist"),
            new Type("unknown-entity", 422, "a credit decision (`order.entity`) or a limit request (`entity`) naming a"
                    + " legal entity the ledger does not know"),
            new Type("decision-approved", 422, "a limit request naming an `APPROVED` decision (it follows a `REVIEW`"
                    + " or a `REJECTED`)"),
            new Type("decision-of-another-company", 422, "a limit request naming another company's decision"),
            new Type("password-refused", 422, "a console password change refused (wrong current password, too weak)"),
            new Type("pool-rate-limited", 429, "a pool member over its requests a minute (pool server); `Retry-After`"
                    + " says when"),
            new Type("internal-error", 500, "a fault of Arbiter's; nothing was stored; retry, and report it if it"
                    + " persists"),
            new Type("pool-unavailable", 502, "the community pool did not answer a contribution (a credit decision"
                    + " never fails for this: it decides without)"),
            new Type("mail-unavailable", 502, "the SMTP server refused a dunning e-mail or did not answer; nothing was"
                    + " recorded"),
            new Type("bureau-unavailable", 503, "no bureau answered for a monitoring notification, which was not"
                    + " recorded: send it again (a credit decision never fails for this)"),
            new Type("policy-being-published", 503, "dunning next actions or the agenda: a policy version was"
                    + " published during the answer three times in a row (each answer is made on one version); ask"
                    + " again"),
            new Type("database-unavailable", 503, "the database did not answer in time; `Retry-After` says when to"
                    + " retry"));

    private ProblemTypes() {
    }
}
