package io.arbiter.security;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The quickstart's people, one per role (docs/console.md lists them): each password is public, so each must be
 * changed at the first sign-in. Never enabled outside the quickstart profile.
 */
@Component
@ConditionalOnBooleanProperty("arbiter.security.demo-people")
class DemoPeople implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPeople.class);

    static final String PASSWORD = "arbiter-demo";

    private final People people;

    DemoPeople(People people) {
        this.people = people;
    }

    @Override
    public void run(ApplicationArguments args) {
        add("manager", "Camille Martin (credit manager)", Set.of(Role.CREDIT_MANAGER), null);
        add("manager2", "Hugo Bernard (credit manager)", Set.of(Role.CREDIT_MANAGER), null);
        add("analyst", "Inès Petit (credit analyst)", Set.of(Role.CREDIT_ANALYST), null);
        add("admin", "Louis Girard (administrator)", Set.of(Role.ADMIN), null);
        add("developer", "Nora Lefèvre (policy developer)", Set.of(Role.POLICY_DEVELOPER), null);
        add("sales", "Jean Dupont (salesperson)", Set.of(Role.SALESPERSON), "jdupont");
    }

    private void add(String username, String name, Set<Role> roles, String salesperson) {
        if (people.add(new Person(username, name, roles, salesperson, true), PASSWORD)) {
            log.info("Demo person '{}' added with the quickstart password: change it at first sign-in", username);
        }
    }
}
