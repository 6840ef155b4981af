package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.server.StatekeeperServer;
import dev.statekeeper.testkit.postgres.PostgresServer;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Specs pages in a real browser (Debian's Chromium, headless, as {@link DashboardBrowserTest}), one driver for
 * the class: on SQLite, the list, a link to a spec, its frozen fields, two revisions chosen in the form and their
 * diff (screenshot target/screenshots/spec-diff.png), stored markup shown as text, the page at phone width; on the
 * embedded PostgreSQL, the list, a link to a spec and the page following a revision another client puts.
 */
class SpecPagesBrowserTest {

    @TempDir
    static Path dir;
    static StateStore sqlite;
    static StateStore postgres;
    static StatekeeperServer server;
    static StatekeeperServer pgServer;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        browser = DashboardBrowserTest.chromium();
        sqlite = Fixture.sqlite(dir);
        SpecFixture.seed(sqlite);
        server = StatekeeperServer.create(sqlite, Fixture.server(null));
        server.start();
        PostgresServer pg = PostgresServer.shared();
        postgres = StateStores.open(Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, pg.url(pg.createDatabase()))
                .set(Setting.POOL_MIN_SIZE, "1").set(Setting.POOL_MAX_SIZE, "4").build());
        SpecFixture.seed(postgres);
        pgServer = StatekeeperServer.create(postgres, Fixture.server(null));
        pgServer.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (StatekeeperServer s : new StatekeeperServer[] {server, pgServer}) {
            if (s != null) {
                s.stop();
            }
        }
        for (StateStore s : new StateStore[] {sqlite, postgres}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void fromTheListToASpecAndTheDiffOfTwoChosenRevisions() throws IOException {
        open(server, "/dashboard/specs");
        assertThat(browser.getTitle()).isEqualTo("Specs · Statekeeper");
        assertThat(browser.findElements(By.cssSelector("header nav a[href='/dashboard/specs']"))).hasSize(1);
        browser.findElement(By.cssSelector("a[href='/dashboard/specs/demo/auth-service']")).click();
        wait(ExpectedConditions.titleIs("Spec auth-service · Statekeeper"));
        assertThat(text(By.id("version"))).isEqualTo("3");
        assertThat(text(By.id("status"))).isEqualTo("approved");
        List<WebElement> frozen = browser.findElements(By.cssSelector("dl.spec-fields .badge.frozen"));
        assertThat(frozen).hasSize(4);
        assertThat(text(By.cssSelector("#field-objectives dt"))).startsWith("objectives frozen");
        assertThat(frozen.getFirst().getDomProperty("textContent"))
                .isEqualTo("frozen: cannot change after the first version");
        assertThat(text(By.cssSelector("#field-architecture dt"))).isEqualTo("architecture");
        assertThat(browser.findElements(By.cssSelector("table.revisions tbody tr"))).hasSize(3);
        assertThat(text(By.id("diff-summary"))).isEqualTo("From revision 2 to revision 3: 2 lines removed, 5 added.");
        screenshot("spec");
        new Select(browser.findElement(By.id("diff-from"))).selectByValue("1");
        new Select(browser.findElement(By.id("diff-to"))).selectByValue("3");
        browser.findElement(By.cssSelector("form.diff-form button")).click();
        wait(ExpectedConditions.textToBe(By.id("diff-summary"),
                "From revision 1 to revision 3: 3 lines removed, 6 added."));
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard/specs/demo/auth-service?from=1&to=3");
        List<WebElement> removed = browser.findElements(By.cssSelector("table.diff td.del"));
        List<WebElement> added = browser.findElements(By.cssSelector("table.diff td.ins"));
        assertThat(removed).hasSize(3);
        assertThat(added).hasSize(6);
        assertThat(removed).allSatisfy(td -> assertThat(td.getText()).startsWith("-"));
        assertThat(added).allSatisfy(td -> assertThat(td.getText()).startsWith("+"));
        assertThat(removed.get(1).getText()).isEqualTo("-  one monolith");
        assertThat(added.get(1).getText()).isEqualTo("+  two services");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('diff').scrollIntoView()");
        screenshot("spec-diff");
        browser.findElement(By.id("project-link")).click();
        wait(ExpectedConditions.titleIs("Specs of demo · Statekeeper"));
        assertThat(text(By.id("spec-count"))).isEqualTo("3 specs.");
    }

    @Test
    void aStoredScriptIsShownAsTextAndNeverRuns() {
        open(server, "/dashboard/specs/demo/" + SpecName.normalize(SpecFixture.IMG_TITLE));
        assertThat(text(By.id("title"))).isEqualTo(SpecFixture.IMG_TITLE);
        assertThat(text(By.cssSelector("#field-objectives pre"))).isEqualTo(SpecFixture.SCRIPT);
        assertNothingInjected();
        open(server, "/dashboard/specs?project=demo");
        assertThat(text(By.cssSelector("table.specs"))).contains(SpecFixture.IMG_TITLE);
        assertNothingInjected();
    }

    @Test
    void theSpecPageFitsAPhoneWidth() {
        Dimension before = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(375, 800));
            open(server, "/dashboard/specs/demo/auth-service?from=1&to=3");
            long viewport = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.clientWidth");
            long page = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth");
            assertThat(page).as("no sideways scrolling of the page (the diff table scrolls in its box)")
                    .isLessThanOrEqualTo(viewport);
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    @Test
    void onPostgresTheSpecPageFollowsARevisionPutByAnotherClient() {
        open(pgServer, "/dashboard/specs");
        browser.findElement(By.cssSelector("a[href='/dashboard/specs/demo/auth-service']")).click();
        wait(ExpectedConditions.titleIs("Spec auth-service · Statekeeper"));
        assertThat(text(By.id("version"))).isEqualTo("3");
        wait(ExpectedConditions.textToBe(By.id("live"), "Live"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        HttpResponse<String> put = Fixture.post(pgServer.port(), "/api/v1/projects/demo/specs",
                "{\"title\": \"Auth Service\", \"status\": \"completed\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        wait(ExpectedConditions.textToBe(By.id("version"), "4"));
        assertThat(text(By.id("status"))).isEqualTo("completed");
        assertThat(text(By.id("diff-summary"))).isEqualTo("From revision 3 to revision 4: 1 line removed, 1 added.");
        assertThat(browser.findElements(By.cssSelector("table.revisions tbody tr"))).hasSize(4);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("updated in place, not reloaded").isEqualTo(true);
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
