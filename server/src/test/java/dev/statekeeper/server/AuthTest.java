package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bearer token: required on /api/v1, /metrics and mounted servlets when set, probes stay open, refusals say why,
 * and a network address needs a strong one.
 */
class AuthTest {
    private static final String TOKEN = "s3cret-token-for-tests";

    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static int port;

    /** A servlet mounted beside the API, as the MCP endpoint will be. */
    static final class EchoServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setContentType("text/plain");
            res.getWriter().print("echo " + req.getPathInfo());
        }
    }

    @BeforeAll
    static void start() {
        store = Stores.sqlite(dir);
        server = StatekeeperServer.builder(store, Stores.server(Setting.API_TOKEN, TOKEN))
                .servlet("/extra/*", new EchoServlet()).build();
        port = server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    @Test
    void withoutTheTokenTheApiAnswers401WithAChallenge() {
        Http.Response none = new Http(port).get("/api/v1/loops");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("unauthorized");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"statekeeper\"");
        assertThat(none.message()).isEqualTo("this API requires a bearer token: send 'Authorization: Bearer TOKEN' "
                + "with the server's STATEKEEPER_API_TOKEN");

        Http.Response wrong = new Http(port).with("Authorization", "Bearer " + TOKEN + "x").get("/api/v1/loops");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"statekeeper\", error=\"invalid_token\"");
        assertThat(wrong.message()).isEqualTo("the bearer token is not valid").doesNotContain(TOKEN);

        Http.Response basic = new Http(port).with("Authorization", "Basic dXNlcjpwYXNz").post("/api/v1/loops", "{}");
        assertThat(basic.message()).isEqualTo("the Authorization header must be 'Bearer TOKEN'");
        assertThat(new Http(port).get("/api/v1/no-such-route").status()).as("routes are not revealed").isEqualTo(401);
    }

    @Test
    void withTheTokenTheApiAnswers() {
        Http http = new Http(port).with("Authorization", "Bearer " + TOKEN);
        assertThat(http.post("/api/v1/loops", "{\"project\": \"auth\", \"type\": \"plan\"}").status()).isEqualTo(201);
        assertThat(http.get("/api/v1/loops?project=auth").json().get("total").asLong()).isEqualTo(1);
        assertThat(new Http(port).with("Authorization", "bearer " + TOKEN).get("/api/v1/loops").status())
                .as("the scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    void probesStayOpenButMetricsAndTheDetailsOfReadinessNeedTheToken() {
        assertThat(new Http(port).get("/health/live").status()).isEqualTo(200);
        Http.Response bare = new Http(port).get("/health/ready");
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.text()).isEqualTo("{\"status\":\"ready\"}");
        Http.Response detailed = new Http(port).with("Authorization", "Bearer " + TOKEN).get("/health/ready");
        assertThat(detailed.json().get("backend").asText()).isEqualTo("sqlite");

        Http.Response metrics = new Http(port).get("/metrics");
        assertThat(metrics.status()).isEqualTo(401);
        assertThat(metrics.code()).isEqualTo("unauthorized");
        assertThat(new Http(port).with("Authorization", "Bearer " + TOKEN).get("/metrics").text())
                .contains("http_server_requests_seconds_count");
    }

    @Test
    void publicMetricsOpensThemAgain() {
        StatekeeperServer open = StatekeeperServer.create(store, Stores.server(Setting.API_TOKEN, TOKEN,
                Setting.PUBLIC_METRICS, "true"));
        Http http = new Http(open.start());
        try {
            assertThat(http.get("/metrics").status()).isEqualTo(200);
            assertThat(http.get("/health/ready").json().get("backend").asText()).isEqualTo("sqlite");
            assertThat(http.get("/api/v1/loops").status()).as("the API still needs the token").isEqualTo(401);
        } finally {
            open.stop();
        }
    }

    @Test
    void aMountedServletIsServedBehindTheSameToken() {
        Http.Response refused = new Http(port).get("/extra/hello");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("unauthorized");
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"statekeeper\"");

        Http.Response served = new Http(port).with("Authorization", "Bearer " + TOKEN).get("/extra/hello");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.text()).isEqualTo("echo /hello");
    }

    @Test
    void aNonLoopbackAddressWithoutATokenIsRefusedAtStartNamingWhereTheAddressCameFrom() {
        assertThatThrownBy(() -> StatekeeperServer.create(store, Stores.server(Setting.SERVER_BIND, "0.0.0.0")))
                .isInstanceOf(StatekeeperException.class)
                .hasMessage("STATEKEEPER_BIND = 0.0.0.0 (set explicitly) is not a loopback address, and the API would "
                        + "be open to the network without a token: set STATEKEEPER_API_TOKEN (clients then send "
                        + "'Authorization: Bearer TOKEN'), or bind to 127.0.0.1")
                .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        Settings fromFlag = Settings.builder().set(Setting.SERVER_PORT, "0").flag(Setting.SERVER_BIND, "--bind", "0.0.0.0")
                .build();
        assertThatThrownBy(() -> StatekeeperServer.create(store, fromFlag))
                .hasMessageStartingWith("STATEKEEPER_BIND = 0.0.0.0 (from --bind) is not a loopback address");
    }

    @Test
    void aNonLoopbackAddressNeedsAStrongToken() {
        assertThatThrownBy(() -> StatekeeperServer.create(store, Stores.server(Setting.SERVER_BIND, "0.0.0.0",
                Setting.API_TOKEN, "x")))
                .hasMessage("STATEKEEPER_API_TOKEN (set explicitly) is too weak for STATEKEEPER_BIND = 0.0.0.0 (set "
                        + "explicitly): it has 1 characters; a token guarding the network needs at least 32 characters "
                        + "of which 8 differ, such as the output of 'openssl rand -hex 32'")
                .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThatThrownBy(() -> StatekeeperServer.create(store, Stores.server(Setting.SERVER_BIND, "0.0.0.0",
                Setting.API_TOKEN, "ab".repeat(20))))
                .hasMessageContaining("too weak for STATEKEEPER_BIND = 0.0.0.0 (set explicitly): it has only 2 "
                        + "different characters;")
                .hasMessageNotContaining("abab");
        StatekeeperServer local = StatekeeperServer.create(store, Stores.server(Setting.API_TOKEN, "x"));
        local.stop(); // on loopback any token will do: it is not guarding the network
    }

    @Test
    void aNonLoopbackAddressWithAStrongTokenIsAccepted() {
        StatekeeperServer open = StatekeeperServer.create(store, Stores.server(Setting.SERVER_BIND, "0.0.0.0",
                Setting.API_TOKEN, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        open.stop(); // never started: stopping is still fine
        assertThat(open.port()).isEqualTo(-1);
    }
}
