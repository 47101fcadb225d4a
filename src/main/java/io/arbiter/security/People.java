package io.arbiter.security;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import io.arbiter.shared.ProblemException;

/** The local accounts: who they are, their roles, and their password (hashed; changed by its owner). */
@Service
public class People {

    /** Shorter passwords are refused: the account protects who approves and publishes the credit policy. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    People(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /**
     * Adds an account unless one has this username; true when added. {@code mustChangePassword}: the password was
     * chosen for the person, who replaces it at their first sign-in.
     */
    public boolean add(Person person, String password) {
        if (person.roles().isEmpty()) {
            throw new IllegalArgumentException(person.username() + " has no role");
        }
        if (person.roles().contains(Role.SALESPERSON) && (person.salesperson() == null || person.salesperson().isBlank())) {
            throw new IllegalArgumentException(person.username() + " has the role SALESPERSON but no salesperson");
        }
        return jdbc.sql("""
                insert into person (username, display_name, password_hash, roles, salesperson, must_change_password, created_at)
                values (:username, :displayName, :hash, string_to_array(:roles, ','), :salesperson, :mustChange, :now)
                on conflict (username) do nothing
                """)
                .param("username", person.username())
                .param("displayName", person.displayName())
                .param("hash", encoder.encode(password))
                .param("roles", person.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                .param("salesperson", person.salesperson())
                .param("mustChange", person.mustChangePassword())
                .param("now", Timestamp.from(clock.instant()))
                .update() == 1;
    }

    public Optional<Person> find(String username) {
        return account(username).map(Account::person);
    }

    /** Who is signed in, named as their local account names them when they have one. */
    public Identity identify(org.springframework.security.core.Authentication authentication) {
        String name = authentication.getPrincipal() instanceof org.springframework.security.oauth2.core.oidc.user.OidcUser
                ? null : find(authentication.getName()).map(Person::displayName).orElse(null);
        return Identity.of(authentication, name);
    }

    /**
     * The part of the ledger a signed-in person sees, as {@link PortfolioScope} limits an API key: a salesperson
     * without a finance role sees the portfolio their account names; one signed in through OpenID Connect, who has no
     * local account, the portfolio named by their username.
     */
    public PortfolioScope scope(org.springframework.security.core.Authentication authentication) {
        Identity identity = Identity.of(authentication);
        if (!identity.holds(Role.SALESPERSON) || identity.holds(Role.CREDIT_ANALYST, Role.CREDIT_MANAGER, Role.ADMIN)) {
            return PortfolioScope.WHOLE_LEDGER;
        }
        String salesperson = find(authentication.getName()).map(Person::salesperson).orElse(authentication.getName());
        return new PortfolioScope(salesperson == null ? authentication.getName() : salesperson.strip());
    }

    /**
     * Replaces a person's password after checking their current one; the new one must be long enough, differ from
     * the current one and not be the username. Answers 422 problem+json naming the field to fix.
     */
    public void changePassword(String username, String current, String replacement) {
        Account account = account(username).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "person-not-found", "No such account", "No local account is named " + username));
        if (!encoder.matches(current, account.passwordHash())) {
            throw refused("currentPassword", "is not your current password");
        }
        if (replacement.length() < MIN_PASSWORD_LENGTH) {
            throw refused("newPassword", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (replacement.equals(current)) {
            throw refused("newPassword", "must differ from your current password");
        }
        if (replacement.equalsIgnoreCase(username)) {
            throw refused("newPassword", "must not be your username");
        }
        jdbc.sql("""
                update person set password_hash = :hash, must_change_password = false, password_changed_at = :now
                where username = :username
                """)
                .param("hash", encoder.encode(replacement))
                .param("now", Timestamp.from(clock.instant()))
                .param("username", username)
                .update();
    }

    /** A stored account with its password hash, for signing in. */
    record Account(Person person, String passwordHash) {
    }

    Optional<Account> account(String username) {
        return jdbc.sql("""
                select username, display_name, password_hash, roles, salesperson, must_change_password
                from person where username = :username
                """)
                .param("username", username)
                .query((rs, n) -> new Account(new Person(rs.getString(1), rs.getString(2), roles(rs.getArray(4)),
                        rs.getString(5), rs.getBoolean(6)), rs.getString(3)))
                .optional();
    }

    private static java.util.Set<Role> roles(@Nullable Array array) throws SQLException {
        if (array == null) {
            return java.util.Set.of();
        }
        return Arrays.stream((String[]) array.getArray()).map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    private static ProblemException refused(String field, String message) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "password-refused", "Password not changed",
                field + " " + message, Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
