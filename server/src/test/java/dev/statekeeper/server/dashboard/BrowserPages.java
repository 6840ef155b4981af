package dev.statekeeper.server.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the dashboard's browser tests do with a page: open it, wait, read, screenshot, check nothing was injected. */
final class BrowserPages {
    static final Duration WAIT = Duration.ofSeconds(15);
    /** The ids the fixtures' stored markup would give an element it managed to create. */
    private static final List<String> INJECTED = List.of("pwned", "pwned-img", "pwned-dir");

    private BrowserPages() {
    }

    /** Loads a page and waits for its data (or for the token form, on a server with a token). */
    static void open(WebDriver browser, int port, String path) {
        browser.get("http://localhost:" + port + path);
        waitFor(browser, ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#content .fragment, #token-form:not([hidden])")));
    }

    static String text(WebDriver browser, By by) {
        return browser.findElement(by).getText();
    }

    static <T> void waitFor(WebDriver browser, Function<? super WebDriver, T> condition) {
        new WebDriverWait(browser, WAIT).until(condition);
    }

    /** No element the stored markup would have made, no script or image in the content, no alert open. */
    static void assertNothingInjected(WebDriver browser) {
        for (String id : INJECTED) {
            assertThat(browser.findElements(By.id(id))).as(id).isEmpty();
        }
        assertThat(browser.findElements(By.cssSelector("main script, main img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    /** Saves the page as {@code target/screenshots/NAME.png}. */
    static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(DashboardBrowserTest.SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, DashboardBrowserTest.SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
