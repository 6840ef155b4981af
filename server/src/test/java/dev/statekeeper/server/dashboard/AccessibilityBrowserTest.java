package dev.statekeeper.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.server.NodePackages;
import dev.statekeeper.server.StatekeeperServer;
import dev.statekeeper.server.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every dashboard page in Chromium, checked by axe-core (from npm, pinned by src/test/node/package-lock.json and
 * installed by {@link NodePackages}, the one install the build makes), in light mode and with
 * {@code prefers-color-scheme: dark} emulated: no violation of impact serious or critical. The pages are
 * {@link #PAGES}: add a page there and it is checked.
 */
class AccessibilityBrowserTest {
    /** Every page of the dashboard, by path; {@code {loop}} is a loop's id (one with scores and decisions). */
    static final List<String> PAGES = List.of("/", "/dashboard/loops", "/dashboard/loops/{loop}",
            "/dashboard/specs", "/dashboard/specs/demo/" + SpecFixture.AUTH,
            "/dashboard/specs/demo/" + SpecFixture.AUTH + "?from=1&to=3",
            "/dashboard/roadmaps", "/dashboard/roadmaps/" + DocumentFixture.PROJECT, "/dashboard/plans",
            "/dashboard/plans/" + DocumentFixture.PROJECT, "/dashboard/sessions", "/dashboard/sessions/doc-session",
            "/dashboard/health", "/dashboard/health?run=cheap", "/dashboard/performance");
    private static final List<String> BLOCKING = List.of("serious", "critical");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static Fixture.Seeded seeded;
    static WebDriver browser;
    static String axe;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(NodePackages.install("axe-core"), "skipped: the accessibility check needs node and npm on the "
                + "PATH to install axe-core");
        axe = Files.readString(NodePackages.DIR.resolve("node_modules/axe-core/axe.min.js"));
        browser = DashboardBrowserTest.chromium();
        browser.manage().timeouts().scriptTimeout(WAIT);
        Settings settings = HealthFixture.settings(dir, null);
        store = HealthFixture.open(settings);
        seeded = Fixture.seed(store);
        DocumentFixture.seed(store);
        SpecFixture.seed(store);
        server = StatekeeperServer.create(store, settings);
        server.start();
        TestServers.runScheduledDoctor(server);
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
    void noPageHasASeriousOrCriticalViolationInLightOrDarkMode() throws Exception {
        List<String> violations = new ArrayList<>();
        for (String scheme : List.of("light", "dark")) {
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            for (String page : PAGES) {
                String path = page.replace("{loop}", seeded.demo());
                browser.get("http://localhost:" + server.port() + path);
                new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#content .fragment")));
                assertThat(((JavascriptExecutor) browser).executeScript(
                        "return matchMedia('(prefers-color-scheme: dark)').matches"))
                        .as("the emulated colour scheme").isEqualTo(scheme.equals("dark"));
                JsonNode result = axe();
                assertThat(result.get("passes").asInt()).as("axe evaluated rules on " + path).isPositive();
                for (JsonNode v : result.get("violations")) {
                    System.out.println("axe " + scheme + " " + path + ": " + v);
                    if (BLOCKING.contains(v.get("impact").asText())) {
                        violations.add(scheme + " " + path + ": " + v.get("id").asText() + " (" + v.get("impact")
                                .asText() + ") " + v.get("help").asText() + " — " + v.get("nodes"));
                    }
                }
            }
        }
        assertThat(violations).as("serious or critical accessibility violations").isEmpty();
    }

    @Test
    void theCheckSeesAViolationWhenThereIsOne() throws Exception {
        browser.get("http://localhost:" + server.port() + "/dashboard/health");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#content .fragment")));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('content')"
                + ".append(document.createElement('button'))");
        JsonNode result = axe();
        List<String> blocking = new ArrayList<>();
        result.get("violations").forEach(v -> blocking.add(v.get("id").asText() + " " + v.get("impact").asText()));
        assertThat(blocking).as("a button without a name").contains("button-name critical");
    }

    /** Injects axe-core into the page and runs it: its passes (a count) and violations, or the error it met. */
    private static JsonNode axe() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        Object answer = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify({"
                + "passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact, "
                + "help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': '"
                + " + (n.failureSummary || '').replace(/\\s+/g, ' '))}))})))"
                + ".catch(e => done(JSON.stringify({error: String(e)})));");
        JsonNode result = new ObjectMapper().readTree(String.valueOf(answer));
        assertThat(result.has("error")).as(String.valueOf(result)).isFalse();
        return result;
    }
}
