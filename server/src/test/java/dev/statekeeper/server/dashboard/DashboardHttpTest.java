package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.server.StatekeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard over plain HTTP on a real server over SQLite: the shell and fragment routes, their guard, hostile
 * query values, escaping, ETags, the security headers, and that none of it is in the OpenAPI document. Prints the
 * fragments' render times (Server-Timing) for the record; nothing asserts on them.
 */
class DashboardHttpTest {
    private static final String TOKEN = "dashboard-http-token-0123456789abcdef";
    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer open;
    static StatekeeperServer guarded;
    static Fixture.Seeded seeded;
    static int port;
    static int tokenPort;

    @BeforeAll
    static void start() {
        store = Fixture.sqlite(dir);
        seeded = Fixture.seed(store);
        open = StatekeeperServer.create(store, Fixture.server(null));
        port = open.start();
        guarded = StatekeeperServer.create(store, Fixture.server(TOKEN));
        tokenPort = guarded.start();
    }

    @AfterAll
    static void stop() {
        open.stop();
        guarded.stop();
        store.close();
    }

    @Test
    void withoutATokenAPageCarriesItsDataAndAnUnknownLoopIsA404Page() {
        HttpResponse<String> overview = Fixture.get(port, "/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(overview.body()).startsWith("<!doctype html>").contains("<dd id=\"backend\">sqlite</dd>",
                "data-fragment=\"/dashboard/fragment/overview\"", "session-one");
        HttpResponse<String> unknown = Fixture.get(port, "/dashboard/loops/no-such-loop");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("<title>Not found · Statekeeper</title>",
                "<p class=\"problem\" role=\"alert\">loop &#39;no-such-loop&#39; not found</p>");
    }

    @Test
    void withATokenThePageIsAnEmptyShellAndTheFragmentNeedsTheToken() {
        HttpResponse<String> shell = Fixture.get(tokenPort, "/dashboard/loops/" + seeded.demo());
        assertThat(shell.statusCode()).isEqualTo(200);
        assertThat(shell.body()).contains("<p class=\"loading\">Loading…</p>").doesNotContain("demo</dd>",
                "spec-critic");
        HttpResponse<String> refused = Fixture.get(tokenPort, "/dashboard/fragment/loops/" + seeded.demo());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).doesNotContain("spec-critic");
        HttpResponse<String> wrong = Fixture.get(tokenPort, "/dashboard/fragment/overview", "Authorization",
                "Bearer not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> fragment = Fixture.get(tokenPort, "/dashboard/fragment/loops/" + seeded.demo(),
                "Authorization", "Bearer " + TOKEN);
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).startsWith("<div class=\"fragment\" data-title=\"Loop " + seeded.demo()
                + "\" data-sequence=\"").contains("\" data-entity=\"loop:" + seeded.demo() + "\">", "spec-critic");
    }

    @Test
    void aFragmentFromAWebPageWithoutATokenIsRefusedAsTheApiIs() {
        HttpResponse<String> foreign = Fixture.get(port, "/dashboard/fragment/overview", "Origin",
                "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("requests from web pages (with an Origin header) are refused");
        HttpResponse<String> page = Fixture.get(port, "/", "Origin", "https://evil.example");
        assertThat(page.statusCode()).as("the shell, without data").isEqualTo(200);
        assertThat(page.body()).contains("Loading…").doesNotContain("session-one");
    }

    @Test
    void storedMarkupIsEscapedEverywhere() {
        String body = Fixture.get(port, "/dashboard/fragment/loops/" + seeded.script()).body();
        assertThat(body).doesNotContain("<script>", "<img", "<b>critic")
                .contains("&lt;script&gt;document.body.append(Object.assign(document.createElement(&#39;b&#39;),"
                        + "{id:&#39;pwned&#39;}))&lt;/script&gt;")
                .contains("&lt;img id=&quot;pwned-img&quot; src=&quot;x&quot; onerror=&quot;alert(&#39;xss&#39;)&quot;&gt;")
                .contains("&lt;b&gt;critic&lt;/b&gt;", "&quot;quoted&quot; &amp; &#39;single&#39;");
        assertThat(Fixture.get(port, "/dashboard/fragment/overview").body()).doesNotContain("<script>");
        assertThat(Fixture.get(port, "/dashboard/fragment/loops?project=%3Cscript%3E").body())
                .contains("value=\"&lt;script&gt;\"").doesNotContain("<script>");
    }

    @Test
    void hostileQueryValuesAreRefusedWithABoundedMessage() {
        assertProblem("/dashboard/fragment/loops?offset=-1", "offset must be a whole number from 0 to 10000000, "
                + "not &#39;-1&#39;");
        assertProblem("/dashboard/fragment/loops?offset=" + "9".repeat(5000), "offset must be a whole number from 0 "
                + "to 10000000, not &#39;" + "9".repeat(40) + "…&#39;");
        assertProblem("/dashboard/fragment/loops/" + seeded.big() + "?offset=abc", "offset must be a whole number "
                + "from 0 to 10000000, not &#39;abc&#39;");
        assertProblem("/dashboard/fragment/loops?type=nope", "type must be one of plan, roadmap, spec, build_plan, "
                + "build_code, analyst, not &#39;nope&#39;");
        assertProblem("/dashboard/fragment/loops?status=%3Cb%3E", "status must be one of initialized, in_progress, "
                + "completed, user_input, refine, not &#39;&lt;b&gt;&#39;");
        assertProblem("/dashboard/fragment/loops?project=a%01b", "project must be at most 1024 characters, without "
                + "control characters");
        assertProblem("/dashboard/fragment/loops?project=" + "p".repeat(1025), "project must be at most 1024 "
                + "characters, without control characters");
        assertProblem("/dashboard/fragment/loops?offset=1&offset=2", "offset must be given once");
        for (String id : new String[] {"x".repeat(5000), "%3Cscript%3E", "a%01b", "%E2%80%AE"}) {
            HttpResponse<String> loop = Fixture.get(port, "/dashboard/fragment/loops/" + id);
            assertThat(loop.statusCode()).as(id).isIn(400, 404);
            assertThat(loop.body()).as(id).contains("<p class=\"problem\" role=\"alert\">")
                    .doesNotContain("<script>", "\u0001").hasSizeLessThan(20_000);
            assertThat(loop.body().chars()).as(id).noneMatch(c -> c < 0x20);
        }
        HttpResponse<String> page = Fixture.get(port, "/dashboard/loops?type=nope");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("<title>Bad request · Statekeeper</title>");
    }

    @Test
    void pagesOfLoopsAndFeedbackHoldFiftyWithANextLink() {
        String loops = Fixture.get(port, "/dashboard/fragment/loops?project=many").body();
        assertThat(Fixture.count(loops, "<tr><td><a href=\"/dashboard/loops/")).isEqualTo(50);
        assertThat(loops).contains("<p id=\"loop-count\">60 loops match.</p>", "1–50 of 60 loops",
                "<a rel=\"next\" href=\"/dashboard/loops?project=many&amp;offset=50\">Next</a>");
        String second = Fixture.get(port, "/dashboard/fragment/loops?project=many&offset=50").body();
        assertThat(Fixture.count(second, "<tr><td><a href=\"/dashboard/loops/")).isEqualTo(10);
        assertThat(second).contains("51–60 of 60 loops", "rel=\"prev\"").doesNotContain("rel=\"next\"");
        String big = Fixture.get(port, "/dashboard/fragment/loops/" + seeded.big()).body();
        assertThat(Fixture.count(big, "<li class=\"entry\"")).isEqualTo(50);
        assertThat(big).contains("<li class=\"entry\" value=\"10000\">", "entry 10000", "1–50 of 10000 feedback",
                "<a rel=\"next\" href=\"/dashboard/loops/" + seeded.big() + "?offset=50\">Next</a>",
                "Score over iterations 1 to 200: latest 89, threshold 95")
                .doesNotContain("entry 9950<");
        String last = Fixture.get(port, "/dashboard/fragment/loops/" + seeded.big() + "?offset=9990").body();
        assertThat(Fixture.count(last, "<li class=\"entry\"")).isEqualTo(10);
        assertThat(last).contains("9991–10000 of 10000 feedback", "entry 1<").doesNotContain("rel=\"next\"");
        String beyond = Fixture.get(port, "/dashboard/fragment/loops/" + seeded.big() + "?offset=20000").body();
        assertThat(beyond).contains("No feedback on this page: it has 10000 entries.");
    }

    @Test
    void anUnchangedFragmentAnswers304ToItsETag() {
        HttpResponse<String> first = Fixture.get(port, "/dashboard/fragment/loops/" + seeded.script());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        HttpResponse<String> again = Fixture.get(port, "/dashboard/fragment/loops/" + seeded.script(),
                "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        store.addFeedback(seeded.script(), Fixture.feedback("late-critic", 90, "late", java.util.List.of(),
                java.util.List.of()), null);
        HttpResponse<String> changed = Fixture.get(port, "/dashboard/fragment/loops/" + seeded.script(),
                "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("late-critic");
    }

    @Test
    void pagesAllowOnlyTheServersOwnScriptAndAreNotInTheApiDescription() {
        HttpResponse<String> page = Fixture.get(port, "/dashboard/loops");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(Dashboard.CSP);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<String> script = Fixture.get(port, "/dashboard/assets/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("sessionStorage", "/api/v1/events/stream");
        HttpResponse<String> style = Fixture.get(port, "/dashboard/assets/app.css");
        assertThat(style.body()).contains("prefers-color-scheme: dark");
        String openApi = Fixture.get(port, "/openapi.json").body();
        assertThat(openApi).contains("/api/v1/loops").doesNotContain("/dashboard", "\"/\":");
        assertThat(Fixture.get(port, "/dashboard/assets/other.js").statusCode()).isEqualTo(404);
    }

    @Test
    void renderTimesAreReported() {
        for (String path : new String[] {"/dashboard/fragment/overview", "/dashboard/fragment/loops/" + seeded.big(),
                "/dashboard/fragment/loops/" + seeded.demo()}) {
            StringBuilder times = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = Fixture.get(port, path);
                assertThat(r.statusCode()).isEqualTo(200);
                times.append(r.headers().firstValue("Server-Timing").orElseThrow()).append(' ');
                if (i == 9) {
                    times.append("bytes=").append(r.body().length());
                }
            }
            System.out.println("render " + path + ": " + times);
        }
    }

    private static void assertProblem(String path, String detail) {
        Fixture.assertProblem(port, path, 400, detail);
    }
}
