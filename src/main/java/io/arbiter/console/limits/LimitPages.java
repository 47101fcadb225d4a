package io.arbiter.console.limits;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import io.arbiter.ledger.Exposures;
import io.arbiter.ledger.OpenItems;
import io.arbiter.limits.Company;
import io.arbiter.limits.requests.Caller;
import io.arbiter.security.People;

/**
 * What the limits pages share: the signed-in person as the limits services know a caller (their roles, their
 * portfolio), and the names the ledger gives the companies that the limits records know by registration number only.
 */
@Component
class LimitPages {

    private final People people;
    private final Exposures exposures;
    private final OpenItems openItems;

    LimitPages(People people, Exposures exposures, OpenItems openItems) {
        this.people = people;
        this.exposures = exposures;
        this.openItems = openItems;
    }

    Caller caller(Authentication authentication) {
        return new Caller(authentication.getName(), people.identify(authentication).roles(), people.scope(authentication));
    }

    /** The ledger's name of each company, by registration number; a company the ledger does not name is left out. */
    Map<String, String> names(Collection<Company> companies) {
        Map<String, String> names = new HashMap<>();
        for (Company company : companies) {
            if (!names.containsKey(company.registrationNumber())) {
                List<Long> ids = exposures.customerIds(company.country(), company.registrationNumber());
                if (!ids.isEmpty()) {
                    openItems.customer(ids.getFirst()).ifPresent(customer ->
                            names.put(company.registrationNumber(), customer.name()));
                }
            }
        }
        return names;
    }
}
