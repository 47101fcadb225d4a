/**
 * The case file handed to a collection agency. It holds the debtor, the invoices the agency can pursue with what each
 * owes, the payments received late, and the dunning history ({@link io.arbiter.dunning.agency.AgencyFile}). Internal
 * to the dunning module.
 */
package io.arbiter.dunning.agency;
