package io.arbiter.console;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.arbiter.security.Identity;
import io.arbiter.security.People;

/** Gives every console page who is signed in, for its header. */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
class ConsoleAdvice {

    private final People people;

    ConsoleAdvice(People people) {
        this.people = people;
    }

    @ModelAttribute("me")
    @Nullable Identity me(@Nullable Authentication authentication) {
        return authentication == null || authentication instanceof AnonymousAuthenticationToken ? null
                : people.identify(authentication);
    }
}
