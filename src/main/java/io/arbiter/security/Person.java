package io.arbiter.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Someone with a local account: signs in to the console with a username and a password, which they must change at
 * their first sign-in when an administrator (or the quickstart) chose it for them.
 *
 * @param username how they sign in, and how their acts are recorded ("approved by")
 * @param salesperson for the role SALESPERSON, whose portfolio they see, as the ledger's customers carry it
 */
public record Person(String username, String displayName, Set<Role> roles, @Nullable String salesperson,
        boolean mustChangePassword) {
}
