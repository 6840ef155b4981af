package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.server.StatekeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * The roadmap, plan and session pages in Debian's Chromium, headless (as {@link DashboardBrowserTest}), against
 * servers over the memory backend with STATEKEEPER_DASHBOARD_WRITE=true, one without a token and one with: a
 * roadmap, a plan and a session read through the links; a session ended through the confirmation (cancelled once
 * first), with and without a token; a refused clean showing the API's problem detail. A screenshot of the session
 * page goes to target/screenshots/session.png.
 */
class DocumentPagesBrowserTest {
    private static final String TOKEN = "document-browser-token-0123456789abcdef";

    static StateStore store;
    static StatekeeperServer server;
    static StatekeeperServer tokenServer;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        browser = DashboardBrowserTest.chromium();
        store = Fixture.memory();
        DocumentFixture.seed(store);
        server = StatekeeperServer.create(store, DocumentFixture.server(null, true));
        server.start();
        tokenServer = StatekeeperServer.create(store, DocumentFixture.server(TOKEN, true));
        tokenServer.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (StatekeeperServer s : new StatekeeperServer[] {server, tokenServer}) {
            if (s != null) {
                s.stop();
            }
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aRoadmapAPlanAndASessionAreReadThroughTheirLinks() {
        open(server, "/dashboard/roadmaps");
        assertThat(browser.getTitle()).isEqualTo("Roadmaps · Statekeeper");
        browser.findElement(By.linkText("atlas")).click();
        wait(ExpectedConditions.titleIs("Roadmap atlas · Statekeeper"));
        assertThat(text(By.cssSelector("main h1"))).isEqualTo("Atlas roadmap");
        assertThat(text(By.id("status"))).isEqualTo("in-progress");
        assertThat(text(By.cssSelector("#doc-milestones + h3 + p + ul"))).isEqualTo("M1: schema frozen\nM2: API beta");
        assertThat(browser.findElements(By.cssSelector("table.doc-table tbody tr"))).hasSize(2);
        assertThat(text(By.cssSelector("table.specs tbody"))).contains("Storage layer", "HTTP API");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(375, 800));
        try {
            assertThat(((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scroll at "
                    + "375 px: wide tables scroll in their own box").isEqualTo(true);
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
        browser.findElement(By.linkText("The project's plan")).click();
        wait(ExpectedConditions.titleIs("Plan atlas · Statekeeper"));
        assertThat(text(By.id("status"))).isEqualTo("active");
        assertThat(text(By.cssSelector("main"))).contains("Vision and mission", "Agents keep their state",
                "Reliable writes");
        browser.findElement(By.linkText("Sessions")).click();
        wait(ExpectedConditions.titleIs("Sessions · Statekeeper"));
        assertThat(browser.findElements(By.cssSelector("table.sessions tbody tr"))).hasSize(50);
        browser.findElement(By.linkText("doc-session")).click();
        wait(ExpectedConditions.titleIs("Session doc-session · Statekeeper"));
        assertThat(text(By.cssSelector("table.metadata"))).contains("agent claude", Fixture.SCRIPT_PROJECT);
        assertNothingInjected();
    }

    @Test
    void aSessionEndsThroughTheConfirmationAndThePageShowsIt() throws IOException {
        store.startSession(new NewSession("to-end", "statekeeper", null, "main", "T-17", null));
        open(server, "/dashboard/sessions/to-end");
        assertThat(text(By.id("status"))).isEqualTo("active");
        browser.findElement(By.id("end-session")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(text(By.id("confirm-text"))).isEqualTo("End session to-end? Its status becomes ended.");
        browser.findElement(By.cssSelector("#confirm button[value=cancel]")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        assertThat(store.getSession("to-end").status()).as("cancelled: nothing sent").isEqualTo(SessionStatus.ACTIVE);
        browser.findElement(By.id("end-session")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-ok")));
        browser.findElement(By.id("confirm-ok")).click();
        wait(ExpectedConditions.textToBe(By.id("action-outcome"), "Session to-end is ended."));
        assertThat(text(By.id("status"))).isEqualTo("ended");
        assertThat(browser.findElements(By.id("end-session"))).as("an ended session has no end button").isEmpty();
        assertThat(browser.findElement(By.id("action-outcome")).getAttribute("role")).isEqualTo("alert");
        assertThat(store.getSession("to-end").status()).isEqualTo(SessionStatus.ENDED);
        screenshot("session");
    }

    @Test
    void aRefusedCleanShowsTheApisProblemDetailAndRemovesNothing() {
        open(server, "/dashboard/sessions");
        browser.findElement(By.id("older-than")).clear();
        browser.findElement(By.id("older-than")).sendKeys("soon");
        browser.findElement(By.cssSelector("form.action button[type=submit]")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-ok")));
        browser.findElement(By.id("confirm-ok")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("action-outcome"), "Refused: "));
        assertThat(text(By.id("action-outcome"))).isEqualTo("Refused: invalid olderThan: olderThan = 'soon': must be "
                + "a number followed by s, m, h, d or w (e.g. 30d)");
        assertThat(browser.findElement(By.id("action-outcome")).getAttribute("class")).contains("problem");
        assertThat(store.getSession("ended-session").status()).isEqualTo(SessionStatus.ENDED);
    }

    @Test
    void withATokenTheActionSendsTheTabsToken() {
        store.startSession(new NewSession("token-end", null, null, null, null, null));
        open(tokenServer, "/dashboard/sessions/token-end");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("token-form")));
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#token-form button")).click();
        wait(ExpectedConditions.elementToBeClickable(By.id("end-session")));
        browser.findElement(By.id("end-session")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-ok")));
        browser.findElement(By.id("confirm-ok")).click();
        wait(ExpectedConditions.textToBe(By.id("action-outcome"), "Session token-end is ended."));
        assertThat(text(By.id("status"))).isEqualTo("ended");
        assertThat(store.getSession("token-end").status()).isEqualTo(SessionStatus.ENDED);
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    }

    private static void assertNothingInjected() {
        BrowserPages.assertNothingInjected(browser);
    }

    private static void open(StatekeeperServer s, String path) {
        BrowserPages.open(browser, s.port(), path);
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
