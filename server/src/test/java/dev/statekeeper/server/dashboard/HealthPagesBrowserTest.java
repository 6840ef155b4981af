package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.server.StatekeeperServer;
import dev.statekeeper.server.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The health and performance pages in Chromium (as {@link DashboardBrowserTest}: Debian's Chromium and chromedriver,
 * headless) over a SQLite store whose doctor run has a finding quoting markup: the overview's health card links to
 * the health page, the findings show with evidence as text, the cheap checks run from a link and are not repeated,
 * the performance page draws its charts, and both read at 375 px without scrolling sideways. Screenshots:
 * target/screenshots/health.png and performance.png.
 */
class HealthPagesBrowserTest {

    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static DoctorReport report;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        browser = DashboardBrowserTest.chromium();
        Settings settings = HealthFixture.settings(dir, null);
        store = HealthFixture.open(settings);
        for (int i = 0; i < 5; i++) {
            store.getLoop(store.createLoop(NewLoop.of("perf", LoopType.ANALYST)).id());
        }
        server = StatekeeperServer.create(store, settings);
        server.start();
        report = TestServers.runScheduledDoctor(server);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theHealthPageShowsTheFindingsAndRunsTheCheapChecksFromALink() throws IOException {
        open("/");
        assertThat(text(By.id("doctor"))).startsWith("Doctor, run at ").endsWith(": " + report.summary().line() + ".");
        browser.findElement(By.linkText("Findings, evidence and runbooks")).click();
        wait(ExpectedConditions.titleIs("Health · Statekeeper"));
        assertThat(text(By.id("report-kind"))).isEqualTo("the latest scheduled run (cheap checks)");
        assertThat(text(By.cssSelector("#p3"))).isEqualTo("P3 · minor (respond < 4 h)");
        String finding = text(By.id("check-backup-age"));
        assertThat(finding).contains("A recent backup exists backup-age", HealthFixture.MARKUP_DIR + "/backups",
                "Runbook", "take one now ('statekeeper db backup')", "Do", "statekeeper db backup");
        assertNothingInjected();
        wait(ExpectedConditions.textToBe(By.id("live"), "Updates every 5 s"));
        screenshot("health");
        browser.findElement(By.id("run-cheap")).click();
        wait(ExpectedConditions.textToBe(By.id("report-kind"), "the cheap checks, run on request"));
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard/health?run=cheap");
        assertThat(text(By.id("check-backup-age"))).contains(HealthFixture.MARKUP_DIR);
        wait(ExpectedConditions.textToBe(By.id("live"), "Not updated live: reload to see it again"));
        assertNothingInjected();
        assertReadableAtPhoneWidth();
    }

    @Test
    void thePerformancePageDrawsTheHourAndTheDayAndSaysWhatIsNotRecorded() throws IOException {
        open("/dashboard/performance");
        assertThat(browser.getTitle()).isEqualTo("Performance · Statekeeper");
        assertThat(browser.findElements(By.cssSelector("figure.latency svg"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("figure.latency svg rect.bar.p99")).size())
                .as("a p99 bar per operation drawn, and the legend's").isGreaterThan(2);
        assertThat(text(By.cssSelector("#perf-hour"))).contains("createLoop 5 0", "getLoop 5 0");
        assertThat(text(By.id("no-pool"))).isEqualTo("Not recorded: the sqlite backend keeps no connection pool.");
        screenshot("performance");
        assertReadableAtPhoneWidth();
    }

    private static void assertReadableAtPhoneWidth() {
        Dimension before = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(375, 800));
            browser.navigate().refresh();
            wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#content .fragment")));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("sideways scroll at 375 px").isLessThanOrEqualTo(0);
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    private static void assertNothingInjected() {
        BrowserPages.assertNothingInjected(browser);
    }

    private static void open(String path) {
        BrowserPages.open(browser, server.port(), path);
    }

    private static String text(By by) {
        return BrowserPages.text(browser, by);
    }

    private static <T> void wait(java.util.function.Function<? super WebDriver, T> condition) {
        BrowserPages.waitFor(browser, condition);
    }

    private static void screenshot(String name) throws IOException {
        BrowserPages.screenshot(browser, name);
    }
}
