package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.server.StatekeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard's actions with STATEKEEPER_DASHBOARD_WRITE=true, over plain HTTP on real servers over SQLite: the
 * buttons are rendered where they apply (and only there), the request the script sends (same origin, an
 * Idempotency-Key, the token when one is set) reaches the API's own route and replays once, and a request from
 * another site is still refused without changing anything.
 */
class DashboardWriteTest {
    private static final String TOKEN = "dashboard-write-token-0123456789abcdef";
    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static StatekeeperServer guarded;
    static Fixture.Seeded seeded;
    static int port;
    static int tokenPort;

    @BeforeAll
    static void start() {
        store = Fixture.sqlite(dir);
        seeded = Fixture.seed(store);
        DocumentFixture.seed(store);
        server = StatekeeperServer.create(store, DocumentFixture.server(null, true));
        port = server.start();
        guarded = StatekeeperServer.create(store, DocumentFixture.server(TOKEN, true));
        tokenPort = guarded.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        guarded.stop();
        store.close();
    }

    @Test
    void theButtonsAreRenderedWhereTheirActionApplies() {
        assertThat(Fixture.get(port, "/dashboard/fragment/sessions/doc-session").body()).contains(
                "<button type=\"button\" class=\"action\" id=\"end-session\" data-api=\"/api/v1/sessions/doc-session/end\" "
                        + "data-confirm=\"End session doc-session? Its status becomes ended.\">End session…</button>");
        assertThat(Fixture.get(port, "/dashboard/fragment/sessions/ended-session").body()).as("already ended")
                .doesNotContain("data-api");
        assertThat(Fixture.get(port, "/dashboard/fragment/sessions/team/agent%231").body())
                .contains("data-api=\"/api/v1/sessions/team/agent%231/end\"");
        assertThat(Fixture.get(port, "/dashboard/fragment/sessions").body()).contains(
                "<form class=\"action\" data-api=\"/api/v1/sessions/clean\"", "name=\"olderThan\" value=\"30d\"");
        assertThat(Fixture.get(port, "/dashboard/fragment/loops/" + seeded.demo()).body()).contains(
                "<p class=\"note\">The newest feedback (iteration 5, score 83) waits for a decision.</p>",
                "data-api=\"/api/v1/loops/" + seeded.demo() + "/decide\" data-if-match=\"&quot;"
                        + store.getLoop(seeded.demo()).version() + "&quot;\"");
        Loop fresh = store.createLoop(NewLoop.of("fresh", LoopType.SPEC));
        assertThat(Fixture.get(port, "/dashboard/fragment/loops/" + fresh.id()).body()).as("no feedback yet")
                .doesNotContain("data-api");
        assertThat(Fixture.get(port, "/dashboard/fragment/plans/atlas").body()).doesNotContain("data-api");
        assertThat(Fixture.get(port, "/dashboard/fragment/roadmaps/atlas").body()).doesNotContain("data-api");
    }

    @Test
    void theScriptSendsTheRequestToTheApiWithAnIdempotencyKeyAndTheToken() {
        String script = Fixture.get(port, "/dashboard/assets/app.js").body();
        assertThat(script).contains("'Idempotency-Key': key()", "crypto.randomUUID()", "window.Statekeeper.headers()",
                "fetch(element.dataset.api, init)", "headers['If-Match'] = element.dataset.ifMatch", "dialog.showModal()", "setAttribute('role', 'alert')");
    }

    @Test
    void aSameOriginRequestWithAnIdempotencyKeyEndsTheSessionOnceAndItsRetryReplays() {
        store.startSession(new NewSession("replayed", null, null, null, null, null));
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = Fixture.post(port, "/api/v1/sessions/replayed/end", "", "Origin",
                "http://127.0.0.1:" + port, "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"name\":\"replayed\"", "\"status\":\"ended\"");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        Session ended = store.getSession("replayed");
        assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
        HttpResponse<String> retry = Fixture.post(port, "/api/v1/sessions/replayed/end", "", "Origin",
                "http://127.0.0.1:" + port, "Idempotency-Key", key);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(store.getSession("replayed").updatedAt()).as("applied once: a second end would move it")
                .isEqualTo(ended.updatedAt());
    }

    @Test
    void aDecisionFromTheLoopPageIsTakenOnce() {
        Loop loop = store.createLoop(NewLoop.of("decided", LoopType.SPEC));
        store.addFeedback(loop.id(), Fixture.feedback("critic", 60, "first", List.of(), List.of()), null);
        assertThat(Fixture.get(port, "/dashboard/fragment/loops/" + loop.id()).body()).contains("id=\"decide\"");
        long rendered = store.getLoop(loop.id()).version();
        HttpResponse<String> stale = Fixture.post(port, "/api/v1/loops/" + loop.id() + "/decide", "", "Origin",
                "http://127.0.0.1:" + port, "Idempotency-Key", UUID.randomUUID().toString(), "If-Match",
                "\"" + (rendered - 1) + "\"");
        assertThat(stale.statusCode()).as("the page showed another version").isEqualTo(412);
        assertThat(store.getLoop(loop.id()).iteration()).isEqualTo(1);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = Fixture.post(port, "/api/v1/loops/" + loop.id() + "/decide", "", "Origin",
                "http://127.0.0.1:" + port, "Idempotency-Key", key, "If-Match", "\"" + rendered + "\"");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"refine\"", "\"iteration\":2");
        HttpResponse<String> retry = Fixture.post(port, "/api/v1/loops/" + loop.id() + "/decide", "", "Origin",
                "http://127.0.0.1:" + port, "Idempotency-Key", key, "If-Match", "\"" + rendered + "\"");
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(store.getLoop(loop.id()).iteration()).as("decided once").isEqualTo(2);
        assertThat(Fixture.get(port, "/dashboard/fragment/loops/" + loop.id()).body()).as("no longer waiting")
                .doesNotContain("id=\"decide\"");
    }

    @Test
    void cleanGoesThroughTheApiAndABadAgeIsItsProblemDetailWithNothingRemoved() {
        HttpResponse<String> bad = Fixture.post(port, "/api/v1/sessions/clean", "{\"olderThan\": \"soon\"}",
                "Origin", "http://127.0.0.1:" + port, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("must be a number followed by s, m, h, d or w (e.g. 30d)");
        assertThat(store.getSession("ended-session").status()).isEqualTo(SessionStatus.ENDED);
        HttpResponse<String> huge = Fixture.post(port, "/api/v1/sessions/clean", "{\"olderThan\": \""
                + "9".repeat(100_000) + "d\"}", "Origin", "http://127.0.0.1:" + port);
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(store.getSession("ended-session").status()).isEqualTo(SessionStatus.ENDED);
        HttpResponse<String> dry = Fixture.post(port, "/api/v1/sessions/clean", "{\"olderThan\": \"0s\", "
                + "\"dryRun\": true}", "Origin", "http://127.0.0.1:" + port);
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(dry.body()).contains("\"ended-session\"");
        assertThat(store.getSession("ended-session").status()).isEqualTo(SessionStatus.ENDED);
    }

    @Test
    void aRequestFromAnotherSiteIsStillRefusedAndChangesNothing() {
        store.startSession(new NewSession("targeted", null, null, null, null, null));
        for (String origin : new String[] {"https://evil.example", "http://localhost:" + port,
                "http://127.0.0.1:" + (port == 65535 ? 1 : port + 1), "https://127.0.0.1:" + port + ".evil.example",
                "null"}) {
            HttpResponse<String> refused = Fixture.post(port, "/api/v1/sessions/targeted/end", "", "Origin", origin,
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(refused.statusCode()).as(origin).isEqualTo(403);
            assertThat(refused.body()).as(origin).contains("requests from web pages (with an Origin header) are "
                    + "refused: without STATEKEEPER_API_TOKEN the API serves local programs only");
        }
        HttpResponse<String> clean = Fixture.post(port, "/api/v1/sessions/clean", "{\"olderThan\": \"0s\"}",
                "Origin", "https://evil.example");
        assertThat(clean.statusCode()).isEqualTo(403);
        assertThat(store.getSession("targeted").status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(store.getSession("ended-session").status()).isEqualTo(SessionStatus.ENDED);
        HttpResponse<String> fragment = Fixture.get(port, "/dashboard/fragment/sessions/targeted", "Origin",
                "https://evil.example");
        assertThat(fragment.statusCode()).isEqualTo(403);
    }

    @Test
    void aPageOfThisServerMaySendOnlyTheDashboardsActions() {
        String own = "http://127.0.0.1:" + port;
        long loops = store.listLoops(LoopQuery.all()).total();
        HttpResponse<String> create = Fixture.post(port, "/api/v1/loops", "{\"project\": \"own\", \"type\": \"spec\"}",
                "Origin", own);
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).contains("requests from web pages (with an Origin header) are refused");
        HttpResponse<String> mcp = Fixture.post(port, "/mcp", "{}", "Origin", own);
        assertThat(mcp.statusCode()).isEqualTo(403);
        assertThat(store.listLoops(LoopQuery.all()).total()).isEqualTo(loops);
    }

    @Test
    void aReboundHostNameIsRefusedEvenWhenItsPageIsSameOrigin() throws IOException {
        store.startSession(new NewSession("rebound", null, null, null, null, null));
        String host = "evil.example:" + port;
        assertThat(rawPost(host, "http://" + host, "/api/v1/sessions/rebound/end")).startsWith("HTTP/1.1 403 ")
                .contains("Host '" + host + "' is not a loopback name");
        assertThat(store.getSession("rebound").status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(rawPost("[::1]:" + port, "http://[::1]:" + port, "/api/v1/sessions/rebound/end"))
                .as("the page's own origin through another loopback name").startsWith("HTTP/1.1 200 ");
        assertThat(store.getSession("rebound").status()).isEqualTo(SessionStatus.ENDED);
    }

    @Test
    void aSettingThatIsNotABooleanIsRefusedAtStart() {
        assertThatThrownBy(() -> StatekeeperServer.create(store, dev.statekeeper.core.config.Settings.builder()
                .set(dev.statekeeper.core.config.Setting.SERVER_PORT, "0")
                .set(dev.statekeeper.core.config.Setting.DASHBOARD_WRITE, "yes").build()))
                .hasMessage("invalid settings: STATEKEEPER_DASHBOARD_WRITE = 'yes': must be one of true, false (set "
                        + "explicitly)");
    }

    @Test
    void withATokenTheActionNeedsItFromAnyOrigin() {
        store.startSession(new NewSession("guarded", null, null, null, null, null));
        HttpResponse<String> without = Fixture.post(tokenPort, "/api/v1/sessions/guarded/end", "", "Origin",
                "http://127.0.0.1:" + tokenPort, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(store.getSession("guarded").status()).isEqualTo(SessionStatus.ACTIVE);
        HttpResponse<String> with = Fixture.post(tokenPort, "/api/v1/sessions/guarded/end", "", "Origin",
                "http://127.0.0.1:" + tokenPort, "Idempotency-Key", UUID.randomUUID().toString(), "Authorization",
                "Bearer " + TOKEN);
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(store.getSession("guarded").status()).isEqualTo(SessionStatus.ENDED);
        assertThat(Fixture.get(tokenPort, "/dashboard/fragment/sessions/doc-session").statusCode()).isEqualTo(401);
        assertThat(Fixture.get(tokenPort, "/dashboard/fragment/sessions/doc-session", "Authorization",
                "Bearer " + TOKEN).body()).contains("id=\"end-session\"");
    }

    /** A POST with a Host and Origin of our choice, which java.net.http does not let a client set. */
    private static String rawPost(String host, String origin, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
