package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.server.StatekeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Specs pages over plain HTTP on a real server over SQLite: the list and a project's specs, a spec with its
 * fields (frozen ones marked), its revisions paged newest first and the diff of two revisions; exact statuses and
 * messages for unknown specs and bad revision numbers; stored markup shown as text; the guard; ETags.
 */
class SpecPagesHttpTest {
    private static final String TOKEN = "spec-pages-http-token-0123456789abcdef";
    private static final String AUTH = "/dashboard/fragment/specs/demo/auth-service";
    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer open;
    static StatekeeperServer guarded;
    static int port;

    @BeforeAll
    static void start() {
        store = Fixture.sqlite(dir);
        SpecFixture.seed(store);
        open = StatekeeperServer.create(store, Fixture.server(null));
        port = open.start();
        guarded = StatekeeperServer.create(store, Fixture.server(TOKEN));
        guarded.start();
    }

    @AfterAll
    static void stop() {
        open.stop();
        guarded.stop();
        store.close();
    }

    @Test
    void theListShowsTheProjectsWithSpecsAndLinksToEachSpec() {
        HttpResponse<String> page = Fixture.get(port, "/dashboard/specs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Specs · Statekeeper</title>", "<a href=\"/dashboard/specs\">Specs</a>",
                "data-fragment=\"/dashboard/fragment/specs\"", "data-entity=\"spec\"",
                "<h2><a href=\"/dashboard/specs?project=demo\">demo</a></h2>",
                "<caption>3 specs of project demo</caption>",
                "<a href=\"/dashboard/specs/demo/auth-service\"><code>auth-service</code></a>",
                "<span class=\"status approved\">approved</span>",
                "Projects are found in the change history. A project whose history was pruned or whose specs were "
                        + "imported is listed by entering its name above.");
        String project = Fixture.get(port, "/dashboard/fragment/specs?project=demo").body();
        assertThat(Fixture.count(project, "<tr><td><a href=\"/dashboard/specs/demo/")).isEqualTo(3);
        assertThat(project).contains("<h1>Specs of <q>demo</q></h1>", "<p id=\"spec-count\">3 specs.</p>",
                "value=\"demo\"", "<a href=\"/dashboard/specs/demo/long-field\"><code>long-field</code></a>");
        String imported = Fixture.get(port, "/dashboard/fragment/specs?project=huge").body();
        assertThat(imported).contains("<a href=\"/dashboard/specs/huge/many-revisions\"><code>many-revisions</code>"
                + "</a></td><td>Many Revisions</td>", "<td class=\"num\">1200</td>");
        HttpResponse<String> none = Fixture.get(port, "/dashboard/fragment/specs?project=ghost");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).contains("<p id=\"spec-count\">0 specs.</p>",
                "<p class=\"empty\">Project “ghost” has no spec.</p>");
    }

    @Test
    void aSpecShowsItsFieldsWithTheFrozenOnesMarkedItsRevisionsNewestFirstAndTheLastChange() {
        HttpResponse<String> page = Fixture.get(port, "/dashboard/specs/demo/auth-service");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Spec auth-service · Statekeeper</title>",
                "data-fragment=\"/dashboard/fragment/specs/demo/auth-service\"");
        String body = Fixture.get(port, AUTH).body();
        assertThat(body).contains("data-entity=\"spec:demo/auth-service\"",
                "<a id=\"project-link\" href=\"/dashboard/specs?project=demo\">demo</a>",
                "<dd id=\"title\">Auth Service</dd>", "<span class=\"status approved\" id=\"status\">approved</span>",
                "<dd id=\"version\">3</dd>", "version: objectives, scope, dependencies, deliverables.</p>",
                "<div class=\"field\" id=\"field-objectives\"><dt>objectives <span class=\"badge frozen\" "
                        + "title=\"cannot change after the first version\">frozen<span class=\"visually-hidden\">: "
                        + "cannot change after the first version</span></span></dt><dd><pre>Sign users in</pre></dd></div>",
                "<div class=\"field\" id=\"field-architecture\"><dt>architecture</dt><dd><pre>two services\n"
                        + "with a token table\nand cookies\nand a gateway</pre></dd></div>",
                "<div class=\"field\" id=\"field-additionalSections.Risks\"><dt>additionalSections.Risks</dt><dd>"
                        + "<pre>token theft</pre></dd></div>",
                "<div class=\"field\" id=\"field-testingStrategy\"><dt>testingStrategy</dt><dd><p class=\"empty\">"
                        + "empty</p></dd></div>",
                "<caption>3 revisions, newest first</caption>");
        assertThat(Fixture.count(body, "frozen<span class=\"visually-hidden\">")).isEqualTo(4);
        assertThat(body.indexOf("<td class=\"num\">3</td><td class=\"num\">2</td>"))
                .isLessThan(body.indexOf("<td class=\"num\">1</td><td class=\"num\">0</td>")).isPositive();
        assertThat(body).contains("<a href=\"/dashboard/specs/demo/auth-service?from=2&amp;to=3#diff\">Changes "
                        + "from 2</a>", "<option value=\"2\" selected>2</option>",
                "<option value=\"3\" selected>3 (current)</option>",
                "<p id=\"diff-summary\">From revision 2 to revision 3: 2 lines removed, 5 added.</p>",
                "<tr class=\"change\"><td class=\"ln\">4</td><td class=\"text del\"><span class=\"mark\">-</span>"
                        + "  in-review</td><td class=\"ln\">4</td><td class=\"text ins\"><span class=\"mark\">+</span>"
                        + "  approved</td></tr>",
                "<tr class=\"fold\"><td colspan=\"4\">3 unchanged lines</td></tr>",
                "<tr class=\"change\"><td class=\"ln\"></td><td class=\"text none\"></td><td class=\"ln\">17</td>"
                        + "<td class=\"text ins\"><span class=\"mark\">+</span>  and a gateway</td></tr>",
                "<tr class=\"fold\"><td colspan=\"4\">2 unchanged lines</td></tr>",
                "<td class=\"text ins\"><span class=\"mark\">+</span>additionalSections.Risks:</td>");
    }

    @Test
    void anyTwoRevisionsCanBeComparedEitherWay() {
        String body = Fixture.get(port, AUTH + "?from=1&to=3").body();
        assertThat(body).contains("<p id=\"diff-summary\">From revision 1 to revision 3: 3 lines removed, 6 added.</p>",
                "<span class=\"mark\">-</span>  with a session table</td>",
                "<option value=\"1\" selected>1</option>");
        String back = Fixture.get(port, AUTH + "?from=3&to=1").body();
        assertThat(back).contains("From revision 3 to revision 1: 6 lines removed, 3 added.");
        assertThat(Fixture.get(port, AUTH + "?from=2&to=2").body()).contains(
                "<p id=\"diff-summary\">Revision 2 is compared with itself: no change.</p>")
                .doesNotContain("<table class=\"diff\">");
        assertThat(Fixture.get(port, AUTH + "?to=2").body()).contains("From revision 1 to revision 2:");
        assertThat(Fixture.get(port, AUTH + "?from=1").body()).contains("From revision 1 to revision 3:");
        assertThat(Fixture.get(port, AUTH + "?from=&to=").body()).contains("From revision 2 to revision 3:");
        String first = Fixture.get(port, "/dashboard/fragment/specs/huge/many-revisions?to=1").body();
        assertThat(first).contains("<p id=\"diff-summary\">Revision 1 is compared with itself: no change.</p>");
    }

    @Test
    void moreLinesThanTheDiffComparesAreCutAndTheCutIsSaid() {
        String body = Fixture.get(port, "/dashboard/fragment/specs/demo/long-field").body();
        int oldLines = SpecViews.document(store.specHistory("demo", "long-field").get(0).content()).size();
        int newLines = SpecViews.document(store.getSpec("demo", "long-field").content()).size();
        assertThat(oldLines).isEqualTo(6017);
        assertThat(newLines).isEqualTo(6018);
        assertThat(body).contains("<p class=\"note\" id=\"diff-cut\">Only the first 5000 lines of each side are "
                        + "compared: revision 1 has 6017 lines, revision 2 has 6018.</p>",
                "<span class=\"mark\">+</span>  changed first line</td>")
                .hasSizeLessThan(2_000_000);
    }

    @Test
    void storedMarkupIsShownAsText() {
        String name = SpecName.normalize(SpecFixture.IMG_TITLE);
        String body = Fixture.get(port, "/dashboard/fragment/specs/demo/" + name).body();
        assertThat(body).doesNotContain("<script>", "<img")
                .contains("<dd id=\"title\">&lt;img id=&quot;pwned-img&quot; src=&quot;x&quot; onerror=&quot;"
                        + "alert(&#39;xss&#39;)&quot;&gt; Checkout</dd>")
                .contains("<pre>&lt;script&gt;document.body.append(Object.assign(document.createElement(&#39;b&#39;),"
                        + "{id:&#39;pwned&#39;}))&lt;/script&gt;</pre>");
        assertThat(Fixture.get(port, "/dashboard/fragment/specs").body()).doesNotContain("<img", "<script>")
                .contains("<td>&lt;img id=&quot;pwned-img&quot;");
        assertThat(Fixture.get(port, "/dashboard/fragment/specs?project=%3Cscript%3E").body())
                .contains("value=\"&lt;script&gt;\"", "Project “&lt;script&gt;” has no spec.").doesNotContain("<script>");
    }

    @Test
    void anUnknownProjectOrNameIsA404Page() {
        assertStatus(404, "/dashboard/fragment/specs/demo/nope", "spec &#39;nope&#39; of project &#39;demo&#39; not "
                + "found");
        assertStatus(404, "/dashboard/fragment/specs/ghost/auth-service", "spec &#39;auth-service&#39; of project "
                + "&#39;ghost&#39; not found");
        assertStatus(404, "/dashboard/fragment/specs/demo/%3Cscript%3E-x", "spec &#39;script-x&#39; of project "
                + "&#39;demo&#39; not found");
        HttpResponse<String> page = Fixture.get(port, "/dashboard/specs/ghost/auth-service");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("<title>Not found · Statekeeper</title>");
        for (String id : new String[] {"x".repeat(5000), "a%01b", "%E2%80%AE"}) {
            HttpResponse<String> r = Fixture.get(port, "/dashboard/fragment/specs/demo/" + id);
            assertThat(r.statusCode()).as(id).isIn(400, 404);
            assertThat(r.body()).as(id).contains("<p class=\"problem\" role=\"alert\">").hasSizeLessThan(20_000);
            assertThat(r.body().chars()).as(id).noneMatch(c -> c < 0x20);
        }
    }

    @Test
    void badRevisionNumbersAre400AndUnknownOnes404() {
        String bad = " must be a revision number, a whole number from 1, not &#39;";
        assertStatus(400, AUTH + "?from=abc", "from" + bad + "abc&#39;");
        assertStatus(400, AUTH + "?to=0", "to" + bad + "0&#39;");
        assertStatus(400, AUTH + "?from=-1", "from" + bad + "-1&#39;");
        assertStatus(400, AUTH + "?to=1.5", "to" + bad + "1.5&#39;");
        assertStatus(400, AUTH + "?from=%3Cb%3E", "from" + bad + "&lt;b&gt;&#39;");
        assertStatus(400, AUTH + "?from=a%01b", "from" + bad + "a\uFFFDb&#39;");
        assertStatus(400, AUTH + "?to=9999999999", "to" + bad + "9999999999&#39;");
        assertStatus(400, AUTH + "?from=" + "7".repeat(5000), "from" + bad + "7".repeat(40) + "…&#39;");
        assertStatus(400, AUTH + "?from=1&from=2", "from must be given once");
        assertStatus(400, AUTH + "?offset=x", "offset must be a whole number from 0 to 10000000, not &#39;x&#39;");
        assertStatus(404, AUTH + "?from=4", "spec &#39;auth-service&#39; of project &#39;demo&#39; has no revision 4: "
                + "its revisions are 1 to 3");
        assertStatus(404, AUTH + "?from=1&to=999999999", "spec &#39;auth-service&#39; of project &#39;demo&#39; has "
                + "no revision 999999999: its revisions are 1 to 3");
        assertStatus(400, "/dashboard/fragment/specs?project=a%01b", "project must be at most 1024 characters, "
                + "without control characters");
        assertStatus(400, "/dashboard/fragment/specs?offset=-5", "offset must be a whole number from 0 to 10000000, "
                + "not &#39;-5&#39;");
        HttpResponse<String> page = Fixture.get(port, "/dashboard/specs/demo/auth-service?to=nope");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("<title>Bad request · Statekeeper</title>");
    }

    @Test
    void aSpecWithTwelveHundredRevisionsShowsFiftyAPageAndNumberFieldsToChooseTwo() {
        String body = Fixture.get(port, "/dashboard/fragment/specs/huge/many-revisions").body();
        assertThat(Fixture.count(body, "<tr><td class=\"num\">")).isEqualTo(50);
        assertThat(body).contains("<caption>1200 revisions, newest first</caption>", "1–50 of 1200 revisions",
                "<a rel=\"next\" href=\"/dashboard/specs/huge/many-revisions?offset=50\">Next</a>",
                "<input id=\"diff-from\" name=\"from\" type=\"number\" min=\"1\" max=\"1200\" value=\"1199\" required>",
                "<input id=\"diff-to\" name=\"to\" type=\"number\" min=\"1\" max=\"1200\" value=\"1200\" required>",
                "From revision 1199 to revision 1200: 1 line removed, 1 added.",
                "<span class=\"mark\">+</span>  architecture at revision 1200</td>")
                .doesNotContain("<option", "<td class=\"num\">1150</td><td class=\"num\">1149</td>");
        String last = Fixture.get(port, "/dashboard/fragment/specs/huge/many-revisions?offset=1150&from=1&to=1200")
                .body();
        assertThat(Fixture.count(last, "<tr><td class=\"num\">")).isEqualTo(50);
        assertThat(last).contains("1151–1200 of 1200 revisions", "<td class=\"num\">1</td><td class=\"num\">0</td>",
                "rel=\"prev\"", "From revision 1 to revision 1200: 1 line removed, 1 added.")
                .doesNotContain("rel=\"next\"");
        String beyond = Fixture.get(port, "/dashboard/fragment/specs/huge/many-revisions?offset=5000").body();
        assertThat(beyond).contains("No revision on this page: the spec has 1200 revisions.");
    }

    @Test
    void theFragmentNeedsTheTokenWhenOneIsSetAndAnswers304UntilANewRevision() {
        HttpResponse<String> shell = Fixture.get(guarded.port(), "/dashboard/specs/demo/auth-service");
        assertThat(shell.statusCode()).isEqualTo(200);
        assertThat(shell.body()).contains("Loading…").doesNotContain("Sign users in");
        assertThat(Fixture.get(guarded.port(), AUTH).statusCode()).isEqualTo(401);
        assertThat(Fixture.get(guarded.port(), AUTH, "Authorization", "Bearer " + TOKEN).body())
                .contains("Sign users in");
        store.putSpec("etag", SpecContent.titled("Etag Spec"));
        String path = "/dashboard/fragment/specs/etag/etag-spec";
        String etag = Fixture.get(port, path).headers().firstValue("ETag").orElseThrow();
        assertThat(Fixture.get(port, path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        store.updateSpec("etag", "etag-spec", SpecFixture.content(null, SpecStatus.COMPLETED, null, null, null, null,
                "new", null), null);
        HttpResponse<String> changed = Fixture.get(port, path, "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("<dd id=\"version\">2</dd>", "From revision 1 to revision 2:");
    }

    @Test
    void renderTimesAreReported() {
        // the times themselves are measured by DashboardBench (BENCHMARKS.md), not asserted here
        for (String path : new String[] {"/dashboard/fragment/specs", AUTH, "/dashboard/fragment/specs/huge/"
                + "many-revisions?from=1&to=1200", "/dashboard/fragment/specs/demo/long-field"}) {
            HttpResponse<String> r = Fixture.get(port, path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Server-Timing").orElseThrow()).as(path).matches("render;dur=\\d+\\.\\d");
        }
    }

    private static void assertStatus(int status, String path, String detail) {
        Fixture.assertProblem(port, path, status, detail);
    }
}
