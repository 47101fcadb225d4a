package io.arbiter.console;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.arbiter.security.Identity;
import io.arbiter.security.People;
import jakarta.servlet.http.HttpServletRequest;

/** Gives every console page who is signed in, for its header. */
// The policy module serves its workbench pages itself (they work its package-private life cycle).
@ControllerAdvice(basePackages = {"io.arbiter.console", "io.arbiter.policy"})
class ConsoleAdvice {

    private final People people;

    ConsoleAdvice(People people) {
        this.people = people;
    }

    @ModelAttribute("me")
    @Nullable Identity me(@Nullable Authentication authentication, HttpServletRequest request) {
        return authentication == null || request.getRequestURI().startsWith("/api/") || authentication instanceof AnonymousAuthenticationToken ? null
                : people.identify(authentication);
    }
}
