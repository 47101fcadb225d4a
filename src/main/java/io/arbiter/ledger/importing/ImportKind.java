package io.arbiter.ledger.importing;

import static io.arbiter.ledger.importing.ImportField.optional;
import static io.arbiter.ledger.importing.ImportField.required;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** What a file holds, and the ledger fields each kind of file fills. */
public enum ImportKind {

    CUSTOMERS(Stream.concat(Stream.of(Fields.ACCOUNT, required("customerName", "customer_name", FieldType.TEXT, Fields.NAME_HEADERS)),
            Fields.CUSTOMER_DETAILS.stream()).toList()),

    /** An open-items or aged-balance export: one row per invoice, with its customer's columns too. */
    INVOICES(Stream.of(
            Stream.of(Fields.ENTITY,
                    required("number", "number", FieldType.TEXT, Fields.INVOICE_NUMBER_HEADERS),
                    Fields.ACCOUNT,
                    optional("customerName", "customer_name", FieldType.TEXT, Fields.NAME_HEADERS)),
            Fields.CUSTOMER_DETAILS.stream(),
            Stream.of(required("issueDate", "issue_date", FieldType.DATE, "date facture", "date de facture", "date piece",
                            "date document", "date", "invoice date", "issue date", "document date", "date issued"),
                    // An export that gives terms instead has its due date computed from them.
                    ImportField.requiredUnless(List.of("terms", "paymentTermsDays"), "dueDate", "due_date", FieldType.DATE, "date echeance", "date d echeance", "echeance",
                            "due date", "due on", "payment due date", "net due date"),
                    optional("terms", "terms", FieldType.TERMS, "conditions de reglement", "condition de reglement",
                            "mode de reglement", "terms of payment", "payment condition", "payment conditions"),
                    required("amount", "amount", FieldType.AMOUNT, "montant ttc", "montant", "total ttc", "ttc",
                            "montant facture", "amount", "amount incl vat", "amount including vat", "gross amount",
                            "invoice amount", "total amount", "total"),
                    optional("openAmount", "open_amount", FieldType.AMOUNT, "solde", "reste a payer", "reste du",
                            "montant restant", "montant ouvert", "solde du", "open amount", "balance", "outstanding",
                            "amount due", "remaining", "remaining amount", "open balance"),
                    Fields.CURRENCY,
                    // The reason, or a yes/no flag: LedgerWrites reads it.
                    optional("dispute", "dispute", FieldType.TEXT, "litige", "en litige", "motif litige",
                            "motif de litige", "code litige", "litigieux", "dispute", "disputed", "in dispute",
                            "dispute reason", "dispute code"))).flatMap(s -> s).toList()),

    PAYMENTS(List.of(Fields.ENTITY,
            required("reference", "reference", FieldType.TEXT, "reference", "ref", "n reglement", "numero reglement",
                    "reference reglement", "n piece", "piece", "payment reference", "payment id", "payment number",
                    "transaction id"),
            optional("account", "account", FieldType.TEXT, Fields.ACCOUNT_HEADERS),
            required("receivedOn", "received_on", FieldType.DATE, "date reglement", "date de reglement",
                    "date encaissement", "date paiement", "date", "payment date", "received on", "value date",
                    "date received"),
            required("amount", "amount", FieldType.POSITIVE_AMOUNT, "montant", "montant regle", "montant reglement",
                    "montant encaisse", "amount", "amount paid", "paid amount", "payment amount"),
            Fields.CURRENCY,
            optional("invoiceNumber", "invoice_number", FieldType.TEXT, Fields.INVOICE_NUMBER_HEADERS))),

    CREDIT_NOTES(List.of(Fields.ENTITY,
            required("number", "number", FieldType.TEXT, "n avoir", "numero avoir", "numero d avoir", "avoir",
                    "credit note", "credit note number", "credit note no", "cn number"),
            optional("account", "account", FieldType.TEXT, Fields.ACCOUNT_HEADERS),
            required("issueDate", "issued_on", FieldType.DATE, "date avoir", "date d avoir", "date", "issue date",
                    "credit note date", "date issued"),
            required("amount", "amount", FieldType.POSITIVE_AMOUNT, "montant ttc", "montant", "amount",
                    "amount incl vat", "total"),
            Fields.CURRENCY,
            optional("invoiceNumber", "invoice_number", FieldType.TEXT, "facture d origine", "facture origine",
                    "n facture", "numero facture", "facture", "invoice", "invoice number", "original invoice"))),

    /** Orders taken but not yet invoiced (the backlog). */
    OPEN_ORDERS(List.of(Fields.ENTITY,
            required("reference", "reference", FieldType.TEXT, "n commande", "numero commande", "commande",
                    "reference commande", "order", "order number", "order no", "order reference", "order id", "po"),
            Fields.ACCOUNT,
            required("orderedOn", "ordered_on", FieldType.DATE, "date commande", "date de commande", "date",
                    "order date", "ordered on"),
            required("amount", "amount", FieldType.AMOUNT, "montant ttc", "montant", "reste a facturer",
                    "montant a facturer", "amount", "open amount", "amount to invoice", "backlog", "total"),
            Fields.CURRENCY));

    private final List<ImportField> fields;

    ImportKind(List<ImportField> fields) {
        this.fields = fields;
    }

    List<ImportField> fields() {
        return fields;
    }

    /** The field that, within an entity (or alone, for customers), names one row of the ledger: a file may hold it once. */
    String keyField() {
        return switch (this) {
            case CUSTOMERS -> "account";
            case INVOICES, CREDIT_NOTES -> "number";
            case PAYMENTS, OPEN_ORDERS -> "reference";
        };
    }

    Optional<ImportField> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /** {@code invoices}, {@code credit-notes}, {@code CREDIT_NOTES}... */
    public static Optional<ImportKind> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Stream.of(values()).filter(kind -> kind.name().equals(name)).findFirst();
    }

    /** The name used in URLs and mappings: {@code credit-notes}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static final class Fields {
        static final String[] ACCOUNT_HEADERS = {"code client", "compte client", "n client", "numero client", "client",
                "tiers", "code tiers", "compte tiers", "compte", "customer", "customer code", "customer account",
                "customer id", "customer number", "customer no", "account", "account number", "account code"};
        static final String[] NAME_HEADERS = {"raison sociale", "nom client", "nom", "intitule", "intitule client",
                "libelle client", "customer name", "name", "company name", "company", "account name"};
        static final String[] INVOICE_NUMBER_HEADERS = {"n facture", "numero facture", "numero de facture", "no facture",
                "num facture", "facture", "n piece", "numero piece", "piece", "invoice", "invoice number", "invoice no",
                "invoice id", "invoice ref", "document number", "document no", "number", "numero", "no"};

        static final ImportField ENTITY = required("entity", "entity", FieldType.TEXT, "societe", "code societe", "site",
                "entite", "etablissement", "entity", "company code", "legal entity", "entity code", "business unit");
        static final ImportField ACCOUNT = required("account", "account", FieldType.TEXT, ACCOUNT_HEADERS);
        static final ImportField CURRENCY = required("currency", "currency", FieldType.CURRENCY, "devise", "code devise",
                "monnaie", "currency", "currency code", "ccy", "cur");
        static final List<ImportField> CUSTOMER_DETAILS = List.of(
                optional("registrationNumber", "registration_number", FieldType.TEXT, "siren", "siret", "n siren",
                        "n siret", "tva", "n tva", "numero tva", "tva intracommunautaire", "n tva intracom",
                        "registration number", "company number", "company id", "vat", "vat number", "vat id", "tax id"),
                optional("country", "country", FieldType.COUNTRY, "pays", "code pays", "country", "country code"),
                optional("group", "group_code", FieldType.TEXT, "groupe", "code groupe", "groupe client", "group",
                        "customer group", "group code", "parent", "parent company"),
                optional("salesperson", "salesperson", FieldType.TEXT, "representant", "commercial", "vendeur",
                        "salesperson", "sales rep", "sales representative", "account manager"),
                optional("activity", "activity", FieldType.TEXT, "activite", "secteur", "secteur d activite", "code naf",
                        "naf", "ape", "activity", "industry", "sector"),
                optional("paymentTermsDays", "payment_terms_days", FieldType.DAYS, "delai de paiement", "delai paiement",
                        "conditions de paiement", "jours", "payment terms", "payment terms days", "terms", "terms days"),
                optional("customerSince", "customer_since", FieldType.DATE, "client depuis", "date creation client",
                        "date de creation", "date ouverture", "customer since", "since", "created on", "opened on"),
                optional("publicSector", "public_sector", FieldType.YES_NO, "secteur public", "organisme public",
                        "personne publique", "acheteur public", "public sector", "public body", "public"),
                optional("postalAddress", "postal_address", FieldType.TEXT, "adresse", "adresse postale",
                        "adresse de facturation", "address", "postal address", "billing address", "mailing address"));
    }
}
