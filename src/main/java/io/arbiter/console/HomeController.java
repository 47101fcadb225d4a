package io.arbiter.console;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.arbiter.security.PasswordChanges;

/** The console's home: what the signed-in person can open, by their roles. */
@Controller
class HomeController {

    private final PasswordChanges passwords;

    HomeController(PasswordChanges passwords) {
        this.passwords = passwords;
    }

    @GetMapping("/")
    String home(Authentication authentication, Model model) {
        model.addAttribute("localAccount", passwords.hasLocalAccount(authentication));
        return "console/home";
    }
}
