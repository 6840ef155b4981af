package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.server.StatekeeperServer;
import dev.statekeeper.server.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven through Selenium and its chromedriver
 * (/usr/bin/chromium, /usr/bin/chromedriver; never a browser downloaded at test time: without them the test fails,
 * saying how to install them). Servers on port 0: one over SQLite with real data, one over the memory backend
 * (which keeps the change history the live updates follow), one with a token. Screenshots of the overview and a
 * loop page go to target/screenshots/.
 */
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String TOKEN = "dashboard-browser-token-0123456789abcdef";

    @TempDir
    static Path dir;
    static StateStore sqlite;
    static StateStore memory;
    static StatekeeperServer server;
    static StatekeeperServer liveServer;
    static StatekeeperServer tokenServer;
    static Fixture.Seeded seeded;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        browser = chromium();
        sqlite = Fixture.sqlite(dir);
        seeded = Fixture.seed(sqlite);
        server = StatekeeperServer.create(sqlite, Fixture.server(null));
        server.start();
        memory = Fixture.memory();
        liveServer = StatekeeperServer.create(memory, Fixture.server(null));
        liveServer.start();
        tokenServer = StatekeeperServer.create(memory, Fixture.server(TOKEN));
        tokenServer.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (StatekeeperServer s : new StatekeeperServer[] {server, liveServer, tokenServer}) {
            if (s != null) {
                s.stop();
            }
        }
        if (sqlite != null) {
            sqlite.close();
        }
        if (memory != null) {
            memory.close();
        }
    }

    /** The system's Chromium through its chromedriver; Selenium Manager is never asked to find or fetch one. */
    static WebDriver chromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the dashboard's browser tests need Debian's Chromium and its driver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ": install them with 'apt-get update && apt-get install -y chromium "
                    + "chromium-driver' (.ci/run does when they are missing)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void theOverviewShowsTheStoreActiveLoopsAndSessionsAndLinksToALoopWithItsChart() throws IOException {
        open(server, "/");
        assertThat(text(By.id("backend"))).isEqualTo("sqlite");
        assertThat(browser.getTitle()).isEqualTo("Overview · Statekeeper");
        assertThat(text(By.id("health"))).startsWith("The store answers (");
        assertThat(text(By.cssSelector("table.counts"))).contains("loops 63");
        assertThat(text(By.id("count-in_progress"))).isEqualTo("2");
        assertThat(text(By.id("count-refine"))).isEqualTo("1");
        assertThat(text(By.id("count-initialized"))).isEqualTo("60");
        assertThat(browser.getPageSource()).contains("session-one", "T-17");
        screenshot("overview");
        browser.findElement(By.cssSelector("a[href='/dashboard/loops/" + seeded.demo() + "']")).click();
        wait(ExpectedConditions.titleIs("Loop " + seeded.demo() + " · Statekeeper"));
        assertThat(text(By.id("project"))).isEqualTo("demo");
        assertThat(text(By.id("status"))).isEqualTo("refine");
        assertThat(text(By.id("feedback-count"))).isEqualTo("5");
        WebElement chart = browser.findElement(By.cssSelector("figure.chart svg"));
        assertThat(chart.findElements(By.cssSelector("line.threshold"))).hasSize(1);
        assertThat(chart.findElements(By.cssSelector("circle.dot"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(text(By.cssSelector("figure.chart figcaption"))).isEqualTo(
                "Score over iterations 1 to 5: latest 83, threshold 85");
        assertThat(browser.findElements(By.cssSelector("table.decisions tbody tr"))).as("the four decisions")
                .hasSize(4);
        assertThat(text(By.cssSelector("table.decisions"))).contains("refine", "79", "85");
        assertThat(text(By.cssSelector("ol.feedback"))).contains("spec-critic", "Iteration scored 83",
                "issue at 83", "recommendation at 83");
        screenshot("loop");
        browser.findElement(By.linkText("Loops")).click();
        wait(ExpectedConditions.titleIs("Loops · Statekeeper"));
        assertThat(text(By.id("loop-count"))).isEqualTo("63 loops match.");
    }

    @Test
    void theLoopsListFiltersAndPages() {
        open(server, "/dashboard/loops");
        browser.findElement(By.name("project")).sendKeys("many");
        new Select(browser.findElement(By.name("type"))).selectByValue("roadmap");
        browser.findElement(By.cssSelector("form.filters button")).click();
        wait(ExpectedConditions.textToBe(By.id("loop-count"), "60 loops match."));
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard/loops?project=many&type=roadmap&status=");
        assertThat(browser.findElements(By.cssSelector("table.loops tbody tr"))).hasSize(50);
        browser.findElement(By.cssSelector("a[rel=next]")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager span"), "51–60 of 60"));
        assertThat(browser.findElements(By.cssSelector("table.loops tbody tr"))).hasSize(10);
        new Select(browser.findElement(By.name("status"))).selectByValue("completed");
        browser.findElement(By.cssSelector("form.filters button")).click();
        wait(ExpectedConditions.textToBe(By.id("loop-count"), "0 loops match."));
        assertThat(text(By.cssSelector("p.empty"))).isEqualTo("No loop matches.");
    }

    @Test
    void aStoredScriptIsShownAsTextAndNeverRuns() {
        open(server, "/dashboard/loops/" + seeded.script());
        assertThat(text(By.id("project"))).isEqualTo(Fixture.SCRIPT_PROJECT);
        assertThat(text(By.cssSelector("ol.feedback"))).contains(Fixture.IMG_SUMMARY, "<b>critic</b>",
                "<script>alert(1)</script>");
        assertNothingInjected();
        open(server, "/");
        assertThat(browser.getPageSource()).contains("&lt;script&gt;document.body.append");
        assertNothingInjected();
    }

    @Test
    void anUnknownLoopIsANotFoundPage() {
        open(server, "/dashboard/loops/no-such-loop");
        assertThat(browser.getTitle()).isEqualTo("Not found · Statekeeper");
        assertThat(text(By.cssSelector("main h1"))).isEqualTo("Not found");
        assertThat(text(By.cssSelector("p.problem"))).contains("no-such-loop");
        browser.findElement(By.linkText("Overview")).click();
        wait(ExpectedConditions.titleIs("Overview · Statekeeper"));
    }

    @Test
    void aLoopWithTenThousandFeedbackEntriesShowsFiftyAndANextLink() {
        open(server, "/dashboard/loops/" + seeded.big());
        assertThat(browser.findElements(By.cssSelector("li.entry"))).hasSize(50);
        assertThat(text(By.cssSelector("li.entry"))).contains("entry 10000");
        assertThat(text(By.cssSelector(".pager span"))).isEqualTo("1–50 of 10000 feedback entries");
        browser.findElement(By.cssSelector("a[rel=next]")).click();
        wait(ExpectedConditions.textToBe(By.cssSelector(".pager span"), "51–100 of 10000 feedback entries"));
        assertThat(browser.findElements(By.cssSelector("li.entry"))).hasSize(50);
        assertThat(text(By.cssSelector("li.entry"))).contains("entry 9950");
        assertThat(browser.findElements(By.cssSelector("figure.chart polyline.score"))).hasSize(1);
    }

    @Test
    void theLoopPageShowsFeedbackWrittenByAnotherClientWithoutAReload() {
        Loop loop = memory.createLoop(NewLoop.of("live", LoopType.SPEC));
        memory.addFeedback(loop.id(), Fixture.feedback("first-critic", 50, "first", List.of(), List.of()), null);
        open(liveServer, "/dashboard/loops/" + loop.id());
        assertThat(text(By.id("feedback-count"))).isEqualTo("1");
        wait(ExpectedConditions.textToBe(By.id("live"), "Live"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        HttpResponse<String> added = Fixture.post(liveServer.port(), "/api/v1/loops/" + loop.id() + "/feedback",
                "{\"criticAgent\": \"another-client\", \"overallScore\": 77, \"assessmentSummary\": \"better\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        wait(ExpectedConditions.textToBe(By.id("feedback-count"), "2"));
        assertThat(text(By.cssSelector("ol.feedback"))).contains("another-client", "better");
        assertThat(text(By.id("score"))).isEqualTo("77");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("updated in place, not reloaded").isEqualTo(true);
        memory.decide(loop.id(), null);
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.decisions")));
        assertThat(text(By.cssSelector("table.decisions"))).contains("refine", "77", "85");
    }

    @Test
    void withoutAnEventStreamTheLoopPagePollsForChanges() {
        StateStore own = Fixture.sqlite(dir);
        StatekeeperServer polled = TestServers.withoutEventStreams(own, Fixture.server(null));
        polled.start();
        try {
            pollsForChanges(own, polled);
        } finally {
            polled.stop();
            own.close();
        }
    }

    private static void pollsForChanges(StateStore own, StatekeeperServer polled) {
        Loop loop = own.createLoop(NewLoop.of("polled", LoopType.ANALYST));
        open(polled, "/dashboard/loops/" + loop.id());
        wait(ExpectedConditions.textToBe(By.id("live"), "Updates every 5 s"));
        assertThat(text(By.id("feedback-count"))).isEqualTo("0");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        own.addFeedback(loop.id(), Fixture.feedback("polled-critic", 61, "seen by a poll", List.of(), List.of()),
                null);
        wait(ExpectedConditions.textToBe(By.id("feedback-count"), "1"));
        assertThat(text(By.cssSelector("ol.feedback"))).contains("polled-critic", "seen by a poll");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
    }

    @Test
    void withATokenThePageAsksForItOnceAndItNeverAppearsInAUrl() {
        memory.startSession(new dev.statekeeper.core.domain.NewSession("token-session", null, null, null, null,
                null));
        List<String> urls = new ArrayList<>();
        open(tokenServer, "/");
        urls.add(browser.getCurrentUrl());
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("token-form")));
        assertThat(browser.findElement(By.id("content")).isDisplayed()).isFalse();
        browser.findElement(By.id("token")).sendKeys("not-the-token");
        browser.findElement(By.cssSelector("#token-form button")).click();
        wait(ExpectedConditions.textToBe(By.id("token-error"), "The server refused that token."));
        urls.add(browser.getCurrentUrl());
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#token-form button")).click();
        wait(ExpectedConditions.textToBe(By.id("backend"), "memory"));
        assertThat(browser.getPageSource()).contains("token-session");
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();
        urls.add(browser.getCurrentUrl());
        urls.addAll(resources());
        browser.findElement(By.linkText("Loops")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("loop-count")));
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).as("asked once per tab").isFalse();
        urls.add(browser.getCurrentUrl());
        urls.addAll(resources());
        assertThat(urls).hasSizeGreaterThan(5).noneMatch(u -> u.contains(TOKEN)).noneMatch(u -> u.contains("not-the"));
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('statekeeper.token')"))
                .isEqualTo(TOKEN);
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    }

    /** The URLs the page loaded (documents, scripts, fetches). */
    @SuppressWarnings("unchecked")
    private static List<String> resources() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntries().map(e => e.name)");
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
