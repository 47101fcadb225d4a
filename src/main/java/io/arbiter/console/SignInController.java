package io.arbiter.console;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.arbiter.security.PasswordChanges;
import io.arbiter.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Signing in (local account or an identity provider), changing one's password, and the page for a refusal. */
@Controller
class SignInController {

    /** An identity provider people may sign in with: its registration id and the name shown on its button. */
    record Provider(String id, String name) {
    }

    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final PasswordChanges passwords;

    SignInController(ObjectProvider<ClientRegistrationRepository> registrations, PasswordChanges passwords) {
        this.registrations = registrations;
        this.passwords = passwords;
    }

    @GetMapping("/login")
    String login(Model model) {
        List<Provider> providers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                providers.add(new Provider(client.getRegistrationId(), client.getClientName()));
            }
        }
        model.addAttribute("providers", providers);
        return "console/login";
    }

    @GetMapping("/password")
    String password(Authentication authentication, Model model) {
        model.addAttribute("local", passwords.hasLocalAccount(authentication));
        return "console/password";
    }

    @PostMapping("/password")
    String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword,
            @RequestParam String confirmPassword, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        model.addAttribute("local", true);
        if (!newPassword.equals(confirmPassword)) {
            model.addAttribute("error", "password.error.confirm");
            response.setStatus(422);
            return "console/password";
        }
        try {
            passwords.change(authentication, currentPassword, newPassword, request, response);
        } catch (ProblemException e) {
            model.addAttribute("problem", e.getMessage());
            response.setStatus(422);
            return "console/password";
        }
        return "redirect:/?passwordChanged";
    }

    @GetMapping("/denied")
    String denied(HttpServletResponse response) {
        response.setStatus(403);
        return "console/denied";
    }
}
