package io.arbiter.security;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends a person whose password was chosen for them (a new account, the quickstart's demo people) to the password
 * page before anything else: a password someone else knows must not approve or publish a policy.
 */
class PasswordChangeFirst extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> LocalAccounts.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()))
                && !allowed(path)) {
            response.sendRedirect(request.getContextPath() + "/password");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowed(String path) {
        return path.equals("/password") || path.equals("/logout") || path.equals("/login") || path.equals("/error")
                || path.startsWith("/webjars/") || path.startsWith("/console/");
    }
}
