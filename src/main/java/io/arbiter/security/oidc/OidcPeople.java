package io.arbiter.security.oidc;

import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import io.arbiter.security.Role;

/**
 * Signs in a person through OpenID Connect with the Arbiter roles their token's roles claim gives them. A person the
 * claim gives no Arbiter role is refused at sign-in, with the claim named, rather than let in to see nothing.
 */
public final class OidcPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final OidcRoles roles;
    private final String usernameClaim;

    public OidcPeople(OidcRoles roles, String usernameClaim) {
        this.roles = roles;
        this.usernameClaim = usernameClaim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        Set<Role> granted = roles.of(user.getClaims());
        if (granted.isEmpty()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("no_arbiter_role",
                    "Your identity provider gives you no Arbiter role (claim '" + roles.claimPath() + "')", null));
        }
        List<GrantedAuthority> authorities = granted.stream().sorted()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
        String nameKey = user.getClaims().get(usernameClaim) != null ? usernameClaim : "sub";
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameKey);
    }
}
