package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ApiTest;
import io.arbiter.security.People;
import io.arbiter.security.Person;
import io.arbiter.security.Role;

/**
 * Drives Debian's Chromium (headless, 1280x800, as a credit manager's laptop shows it) through chromedriver against
 * the whole application on PostgreSQL. Every page a test visits is saved as a screenshot under
 * {@code target/screenshots/<test class>/<test>/}, numbered in the order of the visit.
 */
public abstract class BrowserTest extends ApiTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** What the people tests create sign in with once they chose their own password. */
    protected static final String PASSWORD = "a long enough password";

    @Autowired
    protected People people;

    protected ChromeDriver browser;
    private Path shots;
    private int shot;

    @BeforeEach
    void openBrowser(TestInfo test) throws IOException {
        assertThat(CHROMIUM).as("install Debian's chromium and chromium-driver (.ci/run does)").isExecutable();
        assertThat(CHROMEDRIVER).as("install Debian's chromium-driver (.ci/run does)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--lang=en-GB");
        // Headless Chromium asks for en-US whatever --lang says: the pages are read as a British reader's browser asks.
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "en-GB,en"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        // The page itself is 1280x800, as on a small laptop screen, whatever the headless window adds around it.
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        shots = Path.of("target", "screenshots", getClass().getSimpleName(), test.getTestMethod().orElseThrow().getName());
        Files.createDirectories(shots);
        try (var old = Files.list(shots)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Opens a console path and saves its screenshot. */
    protected void open(String path, String name) {
        browser.get("http://localhost:" + port + path);
        screenshot(name);
    }

    protected void screenshot(String name) {
        File file = browser.getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(file.toPath(), shots.resolve("%02d-%s.png".formatted(++shot, name)), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new local account with its own password already chosen; its username is unique in this run. */
    protected String person(String name, Role... roles) {
        String username = name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID().toString().substring(0, 6);
        people.add(new Person(username, name, Set.of(roles), Set.of(roles).contains(Role.SALESPERSON) ? "SP-" + username : null,
                false), PASSWORD);
        return username;
    }

    protected void signIn(String username, String password) {
        if (browser.manage().getCookieNamed("JSESSIONID") != null) {
            browser.manage().deleteAllCookies();
        }
        open("/login", "sign-in-" + username.replaceAll("-.*", ""));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        WebElement submit = browser.findElement(By.cssSelector("form button[type=submit]"));
        submit.click();
        // The next page, whatever it is, replaces this one: reading it before then reads the sign-in page going away.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(gone(submit));
    }

    /**
     * True once the element's page is gone. Selenium's {@code stalenessOf} only expects a stale-element error, but when
     * the question races the navigation Chromium answers "Node with given id does not belong to the document", an
     * unknown error, which failed a sign-in that had worked.
     */
    private static ExpectedCondition<Boolean> gone(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }

    protected WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    protected String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }
}
