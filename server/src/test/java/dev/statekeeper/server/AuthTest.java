package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
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

/** The bearer token: required on /api/v1 and mounted servlets when set, health stays open, refusals say why. */
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
    void healthStaysOpen() {
        assertThat(new Http(port).get("/health/live").status()).isEqualTo(200);
        assertThat(new Http(port).get("/health/ready").status()).isEqualTo(200);
        assertThat(new Http(port).get("/metrics").status()).isEqualTo(200);
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
    void aNonLoopbackAddressWithoutATokenIsRefusedAtStart() {
        assertThatThrownBy(() -> StatekeeperServer.create(store, Stores.server(Setting.SERVER_BIND, "0.0.0.0")))
                .isInstanceOf(StatekeeperException.class)
                .hasMessage("STATEKEEPER_BIND = 0.0.0.0 is not a loopback address, and the API would be open to the "
                        + "network without a token: set STATEKEEPER_API_TOKEN (clients then send 'Authorization: Bearer "
                        + "TOKEN'), or bind to 127.0.0.1")
                .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void aNonLoopbackAddressWithATokenIsAccepted() {
        StatekeeperServer open = StatekeeperServer.create(store, Stores.server(Setting.SERVER_BIND, "0.0.0.0",
                Setting.API_TOKEN, TOKEN));
        open.stop(); // never started: stopping is still fine
        assertThat(open.port()).isEqualTo(-1);
    }
}
