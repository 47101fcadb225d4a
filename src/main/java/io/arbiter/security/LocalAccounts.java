package io.arbiter.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Signs people in with their local account. Someone whose password was chosen for them holds, besides their roles,
 * {@link #PASSWORD_CHANGE_REQUIRED} until they replace it: the console sends them to the password page first.
 */
@Component
class LocalAccounts implements UserDetailsService {

    static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    private final People people;

    LocalAccounts(People people) {
        this.people = people;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        People.Account account = people.account(username)
                .orElseThrow(() -> new UsernameNotFoundException("No local account " + username));
        return User.withUsername(account.person().username())
                .password(account.passwordHash())
                .authorities(authorities(account.person()))
                .build();
    }

    static List<GrantedAuthority> authorities(Person person) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        person.roles().stream().sorted().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        if (person.mustChangePassword()) {
            authorities.add(new SimpleGrantedAuthority(PASSWORD_CHANGE_REQUIRED));
        }
        return authorities;
    }
}
