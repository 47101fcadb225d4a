package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import io.arbiter.security.Person;
import io.arbiter.security.Role;

class SignInBrowserTests extends BrowserTest {

    @Test
    void a_manager_with_a_chosen_password_must_change_it_then_sees_the_console_in_french_and_english() {
        String username = "camille-" + UUID.randomUUID().toString().substring(0, 6);
        people.add(new Person(username, "Camille Martin", Set.of(Role.CREDIT_MANAGER), null, true), "arbiter-demo");

        signIn(username, "wrong password");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("Wrong username or password");
        screenshot("wrong-password");

        signIn(username, "arbiter-demo");
        assertThat(browser.getCurrentUrl()).endsWith("/password");
        assertThat(heading()).isEqualTo("Change your password");
        screenshot("password-required");
        open("/review", "review-before-password-change");
        assertThat(browser.getCurrentUrl()).as("nothing opens before the password is changed").endsWith("/password");

        browser.findElement(By.id("currentPassword")).sendKeys("arbiter-demo");
        browser.findElement(By.id("newPassword")).sendKeys("short");
        browser.findElement(By.id("confirmPassword")).sendKeys("short", Keys.ENTER);
        // The browser itself refuses a password under 12 characters (minlength): the page stays.
        assertThat(browser.getCurrentUrl()).endsWith("/password");

        browser.findElement(By.id("newPassword")).clear();
        browser.findElement(By.id("confirmPassword")).clear();
        browser.findElement(By.id("newPassword")).sendKeys(PASSWORD);
        // Keyboard only: Enter in the last field submits the form.
        browser.findElement(By.id("confirmPassword")).sendKeys(PASSWORD, Keys.ENTER);
        waitFor(By.cssSelector(".tiles"));
        screenshot("home");
        assertThat(heading()).isEqualTo("Hello, Camille Martin");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("Your password is changed");
        assertThat(browser.findElements(By.cssSelector("a.tile")).stream().map(tile -> tile.findElement(By.tagName("h2")).getText()))
                .containsExactly("Customers", "Policy", "Review queue", "Agenda", "KPIs", "Limits");

        open("/?lang=fr", "home-fr");
        assertThat(heading()).isEqualTo("Bonjour, Camille Martin");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        open("/", "home-fr-kept");
        assertThat(browser.findElement(By.cssSelector("nav")).getText()).contains("File de revue");
        open("/?lang=en", "home-en");

        // The page fits 1280x800 without a horizontal scroll bar.
        Number scrollWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(1280);

        browser.findElement(By.cssSelector("header form button")).click();
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("You are signed out");
        screenshot("signed-out");
        signIn(username, PASSWORD);
        assertThat(heading()).isEqualTo("Hello, Camille Martin");
    }

    @Test
    void a_salesperson_cannot_open_the_policy_or_the_review_queue() {
        String sales = person("Jean Dupont", Role.SALESPERSON);
        signIn(sales, PASSWORD);
        screenshot("home");
        assertThat(browser.findElements(By.cssSelector("a.tile")).stream().map(tile -> tile.findElement(By.tagName("h2")).getText()))
                .containsExactly("Customers", "Agenda", "KPIs", "Limits");
        assertThat(browser.findElement(By.cssSelector("nav")).getText()).doesNotContain("Policy").doesNotContain("Review")
                .doesNotContain("Import");
        open("/policy", "policy-refused");
        assertThat(heading()).isEqualTo("Not allowed");
        open("/review", "review-refused");
        assertThat(heading()).isEqualTo("Not allowed");
    }
}
