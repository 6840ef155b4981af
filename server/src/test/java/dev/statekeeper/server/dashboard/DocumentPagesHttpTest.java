package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.server.StatekeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roadmap, plan and session pages over plain HTTP on a real server over SQLite, read-only (the default): their
 * content as headed sections, lists, tables and status badges, paging, unknown names, hostile query values, stored
 * markup shown as text, and no action anywhere.
 */
class DocumentPagesHttpTest {
    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static Fixture.Seeded seeded;
    static int port;

    @BeforeAll
    static void start() {
        store = Fixture.sqlite(dir);
        seeded = Fixture.seed(store);
        DocumentFixture.seed(store);
        server = StatekeeperServer.create(store, DocumentFixture.server(null, false));
        port = server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    @Test
    void everyPageLinksTheNewPages() {
        assertThat(Fixture.get(port, "/").body()).contains("<a href=\"/dashboard/roadmaps\">Roadmaps</a>",
                "<a href=\"/dashboard/plans\">Plans</a>", "<a href=\"/dashboard/sessions\">Sessions</a>");
    }

    @Test
    void theRoadmapsListNamesTheProjectsAndARoadmapShowsItsSectionsListsTableAndSpecs() {
        String list = Fixture.get(port, "/dashboard/fragment/roadmaps").body();
        assertThat(list).contains("<li><a href=\"/dashboard/roadmaps/atlas\">atlas</a></li>",
                "<li><a href=\"/dashboard/roadmaps/%3Cscript%3Edocument.body.append%28Object.assign%28document.",
                "data-entity=\"roadmap\"");
        HttpResponse<String> page = Fixture.get(port, "/dashboard/roadmaps/atlas");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Roadmap atlas · Statekeeper</title>", "<h1>Atlas roadmap</h1>",
                "<dd id=\"status\"><span class=\"status in-progress\">in-progress</span></dd>",
                "<dt>Total duration</dt><dd>6 months</dd>", "<dt>Buffer time</dt><dd>2 weeks</dd>",
                "<h2 id=\"doc-milestones\">Milestones</h2><h3>Technical milestones</h3>"
                        + "<p class=\"text\">Phases of the work:</p><ul><li>M1: schema frozen</li><li>M2: API beta"
                        + "</li></ul><div class=\"scroll\"><table class=\"doc-table\"><caption>Technical milestones"
                        + "</caption><thead><tr><th scope=\"col\">Milestone</th><th scope=\"col\">Due</th>"
                        + "<th scope=\"col\">Owner</th></tr></thead><tbody><tr><td>M1</td><td>2026-03-01</td>"
                        + "<td>data team</td></tr><tr><td>M2</td><td>2026-05-01</td><td>api team</td></tr></tbody>"
                        + "</table></div><h3>Business milestones</h3>",
                "<h3>Key risks</h3><ol><li>Data loss</li><li>Slow queries</li></ol>",
                "<td>Storage layer</td><td><code>storage-layer</code></td><td><span class=\"status draft\">draft"
                        + "</span></td>", "<td>HTTP API</td>", "<a href=\"/dashboard/plans/atlas\">");
        assertThat(page.body()).as("a group with nothing filled in is left out").doesNotContain("doc-resources",
                "doc-quality");
        assertThat(page.body().indexOf("Storage layer")).as("in creation order")
                .isLessThan(page.body().indexOf("HTTP API"));
        HttpResponse<String> byForm = Fixture.get(port, "/dashboard/fragment/roadmaps?project=atlas");
        assertThat(byForm.body()).contains("<h1>Atlas roadmap</h1>");
    }

    @Test
    void thePlansListFiltersByStatusAndAPlanShowsItsGroups() {
        String all = Fixture.get(port, "/dashboard/fragment/plans").body();
        assertThat(all).contains("<p id=\"plan-count\">3 plans match.</p>",
                "<tr><td><a href=\"/dashboard/plans/atlas\">atlas</a></td><td><span class=\"status active\">active"
                        + "</span></td><td>Agents keep their state</td>", "<a href=\"/dashboard/plans/quiet\">");
        String active = Fixture.get(port, "/dashboard/fragment/plans?status=active").body();
        assertThat(active).contains("<p id=\"plan-count\">1 plans match.</p>", "<option value=\"active\" selected>")
                .doesNotContain("/dashboard/plans/quiet");
        String plan = Fixture.get(port, "/dashboard/fragment/plans/atlas").body();
        assertThat(plan).contains("data-entity=\"plan:atlas\"", "<h1>Plan of atlas</h1>",
                "<dt>Timeline</dt><dd>Q1-Q2</dd>", "<h2 id=\"doc-vision-and-mission\">Vision and mission</h2>",
                "<h3>Objectives</h3><ul><li>Reliable writes</li><li>Fast reads</li></ul><p class=\"note\">Not "
                        + "filled in: Success metrics, Key performance indicators.</p>",
                "<h3>Phases</h3><p class=\"text\">Phase 1: storage\nPhase 2: API</p>")
                .doesNotContain("doc-risks", "doc-quality");
        assertThat(Fixture.get(port, "/dashboard/fragment/plans/quiet").body())
                .contains("<span class=\"status draft\">draft</span>");
    }

    @Test
    void theSessionsListFiltersAndPagesAndASessionShowsItsMetadata() {
        String first = Fixture.get(port, "/dashboard/fragment/sessions").body();
        long total = store.listSessions(SessionQuery.all().page(1, 0)).total();
        assertThat(total).as("bulk, doc-session, ended-session, team/agent#1, session-one and perhaps many-keys")
                .isBetween(DocumentFixture.SESSIONS + 4L, DocumentFixture.SESSIONS + 5L);
        assertThat(Fixture.count(first, "<tr><td><a href=\"/dashboard/sessions/")).isEqualTo(50);
        assertThat(first).contains("<p id=\"session-count\">" + total + " sessions match.</p>", "1–50 of " + total
                + " sessions", "<a rel=\"next\" href=\"/dashboard/sessions?offset=50\">Next</a>");
        String second = Fixture.get(port, "/dashboard/fragment/sessions?offset=50").body();
        assertThat(Fixture.count(second, "<tr><td><a href=\"/dashboard/sessions/")).isEqualTo(total - 50);
        assertThat(second).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
        String ended = Fixture.get(port, "/dashboard/fragment/sessions?status=ended").body();
        assertThat(ended).contains("<p id=\"session-count\">1 sessions match.</p>",
                "<a href=\"/dashboard/sessions/ended-session\">ended-session</a></td><td><span class=\"status "
                        + "ended\">ended</span>");
        HttpResponse<String> session = Fixture.get(port, "/dashboard/sessions/doc-session");
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains("<title>Session doc-session · Statekeeper</title>",
                "<dd id=\"status\"><span class=\"status active\">active</span></dd>", "<dd>T-17</dd>",
                "<tr><th scope=\"row\">agent</th><td>claude</td></tr>", "data-entity=\"session:doc-session\"");
        assertThat(store.getSession("doc-session").status()).isEqualTo(SessionStatus.ACTIVE);
    }

    @Test
    void aSessionWithThousandsOfMetadataKeysShowsTheFirst200() {
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 5000; i++) {
            many.put(String.format("k%04d", i), "v" + i);
        }
        store.startSession(new NewSession("many-keys", null, null, null, null, many));
        String page = Fixture.get(port, "/dashboard/fragment/sessions/many-keys").body();
        assertThat(Fixture.count(page, "<tr><th scope=\"row\">")).isEqualTo(DocumentViews.METADATA);
        assertThat(page).contains("<caption>Metadata: the first 200 of 5000 keys (GET /api/v1/sessions/many-keys has "
                + "them all)</caption>", "<tr><th scope=\"row\">k0000</th><td>v0</td></tr>",
                "<th scope=\"row\">k0199</th>").doesNotContain("k0200");
    }

    @Test
    void aNameWithASlashReachesItsSession() {
        assertThat(Fixture.get(port, "/dashboard/fragment/sessions").body())
                .contains("<a href=\"/dashboard/sessions/team/agent%231\">team/agent#1</a>");
        HttpResponse<String> page = Fixture.get(port, "/dashboard/sessions/team/agent%231");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Session <code>team/agent#1</code></h1>",
                "data-fragment=\"/dashboard/fragment/sessions/team/agent%231\"");
    }

    @Test
    void unknownNamesAreNotFoundPages() {
        assertStatus("/dashboard/roadmaps/nobody", 404, "roadmap of project &#39;nobody&#39; not found");
        assertStatus("/dashboard/fragment/roadmaps?project=nobody", 404, "roadmap of project &#39;nobody&#39; not "
                + "found");
        assertStatus("/dashboard/plans/nobody", 404, "plan of project &#39;nobody&#39; not found");
        assertStatus("/dashboard/sessions/nobody", 404, "session &#39;nobody&#39; not found");
        assertThat(Fixture.get(port, "/dashboard/sessions/nobody").body())
                .contains("<title>Not found · Statekeeper</title>");
    }

    @Test
    void hostileQueryValuesAreRefusedWithABoundedMessage() {
        assertStatus("/dashboard/fragment/sessions?status=nope", 400, "status must be one of active, ended, not "
                + "&#39;nope&#39;");
        assertStatus("/dashboard/fragment/plans?status=%3Cb%3E", 400, "status must be one of draft, in-review, "
                + "approved, active, completed, cancelled, not &#39;&lt;b&gt;&#39;");
        assertStatus("/dashboard/fragment/sessions?offset=-1", 400, "offset must be a whole number from 0 to "
                + "10000000, not &#39;-1&#39;");
        assertStatus("/dashboard/fragment/roadmaps?offset=1&offset=2", 400, "offset must be given once");
        assertStatus("/dashboard/fragment/roadmaps/atlas?offset=x", 400, "offset must be a whole number from 0 to "
                + "10000000, not &#39;x&#39;");
        assertStatus("/dashboard/fragment/roadmaps?project=a%01b", 400, "project must be at most 1024 characters, "
                + "without control characters");
        assertStatus("/dashboard/fragment/roadmaps?project=" + "p".repeat(1025), 400, "project must be at most "
                + "1024 characters, without control characters");
        assertThat(Fixture.get(port, "/dashboard/sessions?status=nope").statusCode()).isEqualTo(400);
        for (String name : new String[] {"x".repeat(5000), "%3Cscript%3E", "a%01b", "%E2%80%AE", "..%2F..%2Fetc"}) {
            for (String kind : new String[] {"roadmaps", "plans", "sessions"}) {
                HttpResponse<String> r = Fixture.get(port, "/dashboard/fragment/" + kind + "/" + name);
                assertThat(r.statusCode()).as(kind + " " + name).isIn(400, 404);
                assertThat(r.body()).as(kind + " " + name).doesNotContain("<script>", "\u0001")
                        .hasSizeLessThan(20_000);
                if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                    assertThat(r.body()).contains("<p class=\"problem\" role=\"alert\">");
                }
            }
        }
    }

    @Test
    void storedMarkupIsShownAsText() {
        String roadmap = Fixture.get(port, "/dashboard/fragment/roadmaps/" + DocumentViews.path(Fixture.SCRIPT_PROJECT))
                .body();
        assertThat(roadmap).doesNotContain("<script>", "<img", "<b>bold")
                .contains("<h1>&lt;script&gt;document.body.append(Object.assign(document.createElement(&#39;b&#39;),"
                        + "{id:&#39;pwned&#39;}))&lt;/script&gt;</h1>")
                .contains("<p class=\"text\">&lt;img id=&quot;pwned-img&quot; src=&quot;x&quot; "
                        + "onerror=&quot;alert(&#39;xss&#39;)&quot;&gt;</p>")
                .contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>",
                        "<td>&lt;img src=x onerror=alert(2)&gt;</td>", "<th scope=\"col\">&lt;b&gt;bold&lt;/b&gt;</th>");
        String plan = Fixture.get(port, "/dashboard/fragment/plans/" + DocumentViews.path(Fixture.SCRIPT_PROJECT))
                .body();
        assertThat(plan).doesNotContain("<script>", "<img").contains("&lt;img id=&quot;pwned-img&quot;");
        assertThat(Fixture.get(port, "/dashboard/fragment/plans").body()).doesNotContain("<script>", "<img");
        assertThat(Fixture.get(port, "/dashboard/fragment/roadmaps").body()).doesNotContain("<script>");
        String session = Fixture.get(port, "/dashboard/fragment/sessions/doc-session").body();
        assertThat(session).doesNotContain("<script>", "<i>repo").contains("<dd>&lt;i&gt;repo&lt;/i&gt;</dd>",
                "<td>&lt;script&gt;document.body.append");
        assertThat(Fixture.get(port, "/dashboard/fragment/sessions").body()).doesNotContain("<i>repo");
    }

    @Test
    void readOnlyByDefaultNoActionIsRenderedAndTheApiStillRefusesAPage() {
        assertThat(Fixture.get(port, "/dashboard/fragment/sessions/doc-session").body())
                .doesNotContain("class=\"action\"", "data-api", "End session");
        assertThat(Fixture.get(port, "/dashboard/fragment/sessions").body()).doesNotContain("data-api", "Clean");
        assertThat(Fixture.get(port, "/dashboard/fragment/loops/" + seeded.demo()).body())
                .contains("spec-critic").doesNotContain("data-api", "Decide");
        HttpResponse<String> sameOrigin = Fixture.post(port, "/api/v1/sessions/doc-session/end", "",
                "Origin", "http://127.0.0.1:" + port);
        assertThat(sameOrigin.statusCode()).as("without STATEKEEPER_DASHBOARD_WRITE nothing changes").isEqualTo(403);
        assertThat(store.getSession("doc-session").status()).isEqualTo(SessionStatus.ACTIVE);
    }

    private static void assertStatus(String path, int status, String detail) {
        Fixture.assertProblem(port, path, status, detail);
    }
}
