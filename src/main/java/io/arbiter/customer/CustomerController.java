package io.arbiter.customer;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.ledger.CustomerDirectory;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {

    private static final int MAX_PAGE = 200;

    private final CustomerSummaries customers;

    CustomerController(CustomerSummaries customers) {
        this.customers = customers;
    }

    @Operation(summary = "Customer search: the companies of the ledger by name, registration number or ledger account",
            description = "q finds the companies whose name contains it (any case), whose SIREN, SIRET or VAT number names"
                    + " the same company, or one of whose ledger accounts starts with it; without q, every company. One"
                    + " result per company (companyId, its company key, opens it at /api/v1/customers/{companyId}), by name."
                    + " A salesperson's key finds its portfolio's companies only. Paged: limit 1-200, default 25; cursor is"
                    + " the 'next' of the previous page (also in the Link header).")
    @GetMapping
    ResponseEntity<Page<CustomerDirectory.Company>> search(@RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String cursor,
            Principal caller) {
        return Paging.ok(customers.search(q, PortfolioScope.of(caller), Paging.limit(limit, 25, MAX_PAGE), cursor));
    }

    @Operation(summary = "A customer's page: accounts, exposure against its limit, bureau report, pool signal, payment"
            + " behaviour, open invoices, promises, decisions and dunning history",
            description = "companyId is the company key the search gives (FR:552100554), or a French SIREN, SIRET or VAT"
                    + " number. Reads only what Arbiter holds (no bureau or pool call). A salesperson's key sees its own"
                    + " portfolio's companies only (any other is a 404 customer-not-found) and no group figures.")
    @ApiResponse(responseCode = "200", description = "The customer")
    @GetMapping("/{companyId}")
    CustomerSummary customer(@PathVariable String companyId, Principal caller) {
        return customers.summary(companyId, PortfolioScope.of(caller));
    }
}
