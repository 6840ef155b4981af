package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.server.StatekeeperServer;
import dev.statekeeper.server.TestServers;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health and performance pages over plain HTTP on real servers over SQLite whose doctor checks that same store:
 * before any scheduled run, after one (findings grouped by severity, evidence, runbook and fix, stored markup
 * escaped), the cheap checks run on request, the operation log's figures, its "not recorded" states (a store without
 * a log, windows with nothing in them), the guard, and hostile query values.
 */
class HealthPagesHttpTest {
    private static final String TOKEN = "health-http-token-0123456789abcdef";
    private static final int LOOPS = 7;
    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static StatekeeperServer fresh;
    static StatekeeperServer guarded;
    static DoctorReport scheduled;
    static int port;

    @BeforeAll
    static void start() {
        Settings settings = HealthFixture.settings(dir, null);
        store = HealthFixture.open(settings);
        for (int i = 0; i < LOOPS; i++) {
            store.createLoop(NewLoop.of("perf", LoopType.SPEC));
        }
        server = StatekeeperServer.create(store, settings);
        port = server.start();
        scheduled = TestServers.runScheduledDoctor(server);
        fresh = StatekeeperServer.create(store, settings);
        fresh.start();
        guarded = StatekeeperServer.create(store, HealthFixture.settings(dir, TOKEN));
        guarded.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        fresh.stop();
        guarded.stop();
        store.close();
    }

    @Test
    void beforeAnyScheduledRunTheHealthPageSaysSoAndOffersARun() {
        HttpResponse<String> page = Fixture.get(fresh.port(), "/dashboard/health");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Health · Statekeeper</title>",
                "<p class=\"empty\" id=\"no-report\">No scheduled doctor run has ended yet: the cheap checks run every "
                        + "STATEKEEPER_DOCTOR_INTERVAL seconds (0 turns them off).</p>",
                "<a id=\"run-cheap\" href=\"/dashboard/health?run=cheap\">Run the cheap checks now</a>",
                "data-sequence=\"-1\" data-entity=\"\"");
        assertThat(Fixture.get(fresh.port(), "/dashboard/fragment/overview").body()).contains(
                "<p id=\"doctor\">No scheduled doctor run has ended yet. <a href=\"/dashboard/health\">Health</a></p>");
    }

    @Test
    void theLatestScheduledRunIsShownBySeverityWithEvidenceRunbookAndFixAllEscaped() {
        CheckResult backup = scheduled.check("backup-age").orElseThrow();
        assertThat(backup.status()).isEqualTo(CheckStatus.FINDING);
        assertThat(backup.severity()).isEqualTo(Severity.P3);
        HttpResponse<String> page = Fixture.get(port, "/dashboard/fragment/health");
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        String markup = "&lt;img id=&quot;pwned-dir&quot; src=x onerror=alert(1)&gt;";
        assertThat(body).doesNotContain("<img", "pwned-dir\"")
                .contains("<dd id=\"report-kind\">the latest scheduled run (cheap checks)</dd>",
                        "<dd id=\"summary\">" + scheduled.summary().line() + "</dd>",
                        "<section class=\"severity p3\" aria-labelledby=\"p3\"><h2 id=\"p3\">P3 · minor "
                                + "<span class=\"note\">(respond &lt; 4 h)</span></h2><ul class=\"findings\">",
                        "<article class=\"finding\" id=\"check-backup-age\"><h3>A recent backup exists "
                                + "<code>backup-age</code></h3><p class=\"message\">no backup in &#39;",
                        markup + "/backups&#39; yet</p><h4>Evidence</h4><dl class=\"evidence\"><dt>directory</dt><dd>",
                        "<h4>Runbook</h4><p class=\"runbook\">take one now (&#39;statekeeper db backup&#39;)",
                        "<h4>Fix (by hand, when the runbook says so)</h4><dl class=\"evidence\"><dt>Do</dt><dd><pre>"
                                + "statekeeper db backup</pre></dd>")
                .contains("data-sequence=\"-1\" data-entity=\"\"");
        for (Severity s : Severity.values()) {
            if (scheduled.summary().findings(s) == 0) {
                assertThat(body).contains("<p class=\"empty\">No " + s.name() + " finding.</p>");
            }
        }
        String overview = Fixture.get(port, "/dashboard/fragment/overview").body();
        assertThat(overview).contains("<p id=\"doctor\">Doctor, run at ", ": " + scheduled.summary().line() + ".</p>",
                "<li><a href=\"/dashboard/health#p3\">P3</a>: <span id=\"doctor-P3\">"
                        + scheduled.summary().findings(Severity.P3) + "</span></li>",
                "<a href=\"/dashboard/health\">Findings, evidence and runbooks</a>",
                "<p id=\"health\">The store answers (");
    }

    @Test
    void theCheapChecksRunOnRequestAndThePageDoesNotRepeatThem() {
        HttpResponse<String> page = Fixture.get(fresh.port(), "/dashboard/health?run=cheap");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<dd id=\"report-kind\">the cheap checks, run on request</dd>",
                "data-fragment=\"/dashboard/fragment/health?run=cheap\"", "data-sequence=\"-1\" data-entity=\"still\"",
                "id=\"check-backup-age\"", "<a href=\"/dashboard/health\">the latest scheduled run</a>")
                .doesNotContain("<img");
        assertThat(Fixture.get(fresh.port(), "/dashboard/fragment/health").body()).as("not a scheduled run")
                .contains("id=\"no-report\"");
    }

    @Test
    void thePerformancePageShowsEachOperationOverTheHourAndDayAsChartsAndTables() {
        HttpResponse<String> page = Fixture.get(port, "/dashboard/fragment/performance");
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("<p class=\"note\" id=\"oplog-scope\">The operation log is kept in the store: every "
                        + "process that used it is counted. Operations of 1000 ms or more are recorded one by one",
                "<h2 id=\"hour-h\">The last hour</h2><figure class=\"chart latency\"><svg viewBox=\"0 0 640 ",
                "role=\"img\" aria-labelledby=\"chart-hour\"",
                "<title id=\"chart-hour\">p50, p95 and p99 in milliseconds over the last hour of the ",
                "<table class=\"perf\" id=\"perf-hour\"><caption>Each operation over the last hour, busiest first "
                        + "(milliseconds)</caption>",
                "<table class=\"perf\" id=\"perf-day\">",
                "<tr><th scope=\"row\"><code>createLoop</code></th><td class=\"num\">" + LOOPS + "</td>"
                        + "<td class=\"num\">0</td>",
                "<p class=\"empty\" id=\"no-pool\">Not recorded: the sqlite backend keeps no connection pool.</p>",
                "<option value=\"createLoop\">createLoop</option>", "data-sequence=\"-1\"");
        assertThat(body).containsAnyOf("<table class=\"slow\">", "<p class=\"empty\" id=\"no-slow\">Not recorded: no "
                + "operation took 1000 ms or more in the last day.</p>");
        String one = Fixture.get(port, "/dashboard/fragment/performance?operation=createLoop&limit=5").body();
        assertThat(one).contains("<code>createLoop</code></th>", "<option value=\"createLoop\" selected>",
                "name=\"limit\" type=\"number\" min=\"1\" max=\"1000\" value=\"5\"")
                .doesNotContain("<code>ping</code></th>", "<code>getLoop</code></th>");
    }

    @Test
    void withoutAnOperationLogOrWithNothingInTheWindowThePageSaysNotRecorded() {
        try (MemoryStateStore untimed = new MemoryStateStore(Settings.defaults(), Clock.systemUTC())) {
            StatekeeperServer s = StatekeeperServer.create(untimed, Fixture.server(null));
            try {
                String body = Fixture.get(s.start(), "/dashboard/fragment/performance").body();
                assertThat(body).contains("<p class=\"empty\" id=\"no-oplog\">Not recorded: this store was opened "
                                + "without an operation log, so no operation is timed.</p>",
                        "Not recorded: the memory backend keeps no connection pool.").doesNotContain("<svg");
            } finally {
                s.stop();
            }
        }
        StatekeeperServer later = StatekeeperServer.builder(store, HealthFixture.settings(dir, null))
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(3))).build();
        try {
            String body = Fixture.get(later.start(), "/dashboard/fragment/performance").body();
            assertThat(body).contains("<p class=\"empty\" id=\"no-hour\">Not recorded: no operation ran in the last "
                            + "hour.</p>", "<p class=\"empty\" id=\"no-day\">Not recorded: no operation ran in the last "
                            + "day.</p>", "<p class=\"empty\" id=\"no-slow\">Not recorded: no operation took 1000 ms or "
                            + "more in the last day.</p>").doesNotContain("<svg");
        } finally {
            later.stop();
        }
    }

    @Test
    void onPostgresThePerformancePageGaugesTheConnectionPool() {
        PostgresServer postgres = PostgresServer.shared();
        Settings settings = Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, postgres.url(postgres.createDatabase())).set(Setting.POOL_MIN_SIZE, "1")
                .set(Setting.POOL_MAX_SIZE, "3").set(Setting.SERVER_PORT, "0").set(Setting.DOCTOR_INTERVAL, "0")
                .build();
        try (StateStore pg = StateStores.open(settings)) {
            pg.createLoop(NewLoop.of("pooled", LoopType.PLAN));
            StatekeeperServer s = StatekeeperServer.create(pg, settings);
            try {
                String body = Fixture.get(s.start(), "/dashboard/fragment/performance").body();
                assertThat(body).contains("<figure class=\"chart gauges\"><svg viewBox=\"0 0 640 86\" role=\"img\" "
                                + "aria-labelledby=\"pool-title\"", "<code>createLoop</code></th><td class=\"num\">1</td>")
                        .containsPattern("<figcaption>Connection pool: [0-3] in use, [0-3] idle, 0 waiting, at most 3"
                                + "</figcaption>").doesNotContain("id=\"no-pool\"");
            } finally {
                s.stop();
            }
        }
    }

    @Test
    void withATokenTheFragmentsNeedItAndTheShellCarriesNoData() {
        HttpResponse<String> shell = Fixture.get(guarded.port(), "/dashboard/health?run=cheap");
        assertThat(shell.statusCode()).isEqualTo(200);
        assertThat(shell.body()).contains("<p class=\"loading\">Loading…</p>",
                "<a href=\"/dashboard/health\">Health</a><a href=\"/dashboard/performance\">Performance</a></nav>")
                .doesNotContain("backup-age");
        for (String path : List.of("/dashboard/fragment/health", "/dashboard/fragment/health?run=cheap",
                "/dashboard/fragment/performance")) {
            HttpResponse<String> refused = Fixture.get(guarded.port(), path);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.body()).as(path).doesNotContain("backup-age", "createLoop");
        }
        HttpResponse<String> admitted = Fixture.get(guarded.port(), "/dashboard/fragment/performance",
                "Authorization", "Bearer " + TOKEN);
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(admitted.body()).contains("<code>createLoop</code></th>");
    }

    @Test
    void hostileQueryValuesAreRefusedWithABoundedMessage() {
        assertProblem("/dashboard/fragment/health?run=all", "run must be cheap, not &#39;all&#39;");
        assertProblem("/dashboard/fragment/health?run=%3Cscript%3E", "run must be cheap, not &#39;&lt;script&gt;&#39;");
        assertProblem("/dashboard/fragment/health?run=" + "x".repeat(5000), "run must be at most 1024 characters, "
                + "without control characters");
        assertProblem("/dashboard/fragment/health?run=" + "x".repeat(100), "run must be cheap, not &#39;"
                + "x".repeat(40) + "…&#39;");
        assertProblem("/dashboard/fragment/health?run=cheap&run=cheap", "run must be given once");
        assertProblem("/dashboard/fragment/health?run=a%01b", "run must be at most 1024 characters, without control "
                + "characters");
        assertProblem("/dashboard/fragment/performance?operation=%3Cb%3E", "operation &quot;&lt;b&gt;&quot;: not a "
                + "store operation; use one of ");
        assertProblem("/dashboard/fragment/performance?limit=0", "limit &quot;0&quot;: use a whole number from 1 to "
                + "1000");
        assertProblem("/dashboard/fragment/performance?limit=1001", "limit &quot;1001&quot;: use a whole number from "
                + "1 to 1000");
        assertProblem("/dashboard/fragment/performance?limit=-1", "limit &quot;-1&quot;: use a whole number from 1 "
                + "to 1000");
        assertProblem("/dashboard/fragment/performance?limit=1&limit=2", "limit must be given once");
        HttpResponse<String> page = Fixture.get(port, "/dashboard/performance?limit=abc");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("<title>Bad request · Statekeeper</title>",
                "<p class=\"problem\" role=\"alert\">limit &quot;abc&quot;: use a whole number from 1 to 1000</p>");
    }

    private static void assertProblem(String path, String detail) {
        HttpResponse<String> r = Fixture.get(port, path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(r.body()).as(path).contains("<h1>Bad request</h1><p class=\"problem\" role=\"alert\">" + detail)
                .doesNotContain("<script>", "<b>", "\u0001").hasSizeLessThan(20_000);
    }
}
