package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CORS: off by default, on for the listed origins only, preflights answered before the token is asked for. */
class CorsTest {
    private static final String TOKEN = "cors-test-token-0123456789abcdefgh";
    private static final String PAGE = "http://localhost:5173";

    @TempDir
    Path dir;

    @Test
    void offByDefaultNoOriginGetsACorsHeader() {
        StateStore store = Stores.sqlite(dir);
        StatekeeperServer server = StatekeeperServer.create(store, Stores.server(Setting.API_TOKEN, TOKEN));
        try {
            Http http = new Http(server.start()).with("Authorization", "Bearer " + TOKEN);
            Http.Response r = http.get("/api/v1/loops", "Origin", PAGE);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).isNull();
            Http.Response preflight = new Http(server.port()).send("OPTIONS", "/api/v1/loops", null, "Origin", PAGE,
                    "Access-Control-Request-Method", "GET");
            assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
            assertThat(preflight.status()).isEqualTo(401);
        } finally {
            server.stop();
            store.close();
        }
    }

    @Test
    void aListedOriginGetsItsHeadersAndItsPreflightAndAnotherDoesNot() {
        StateStore store = Stores.sqlite(dir);
        StatekeeperServer server = StatekeeperServer.create(store, Stores.server(Setting.API_TOKEN, TOKEN,
                Setting.CORS_ORIGINS, " HTTP://LocalHost:5173 , https://app.example"));
        try {
            Http http = new Http(server.start()).with("Authorization", "Bearer " + TOKEN);
            Http.Response preflight = new Http(server.port()).send("OPTIONS", "/api/v1/loops", null, "Origin", PAGE,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
            assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE");
            assertThat(preflight.header("Access-Control-Allow-Headers"))
                    .isEqualTo("Authorization, Content-Type, If-Match, Idempotency-Key, X-Request-Id, "
                            + "X-Statekeeper-Actor, Last-Event-ID");
            assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("600");

            Http.Response created = http.post("/api/v1/loops", "{\"project\": \"cors\", \"type\": \"spec\"}", "Origin", PAGE);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
            assertThat(created.header("Vary")).contains("Origin");
            assertThat(created.header("Access-Control-Expose-Headers"))
                    .isEqualTo("ETag, Link, Location, Retry-After, X-Request-Id, Idempotent-Replayed, "
                            + "Statekeeper-Wait");
            Http.Response error = http.get("/api/v1/loops/none", "Origin", PAGE);
            assertThat(error.status()).isEqualTo(404);
            assertThat(error.header("Access-Control-Allow-Origin")).as("a page reads its errors too").isEqualTo(PAGE);

            Http.Response other = http.get("/api/v1/loops", "Origin", "http://evil.example");
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
            Http.Response otherPreflight = new Http(server.port()).send("OPTIONS", "/api/v1/loops", null, "Origin",
                    "http://localhost:5173.evil.example", "Access-Control-Request-Method", "GET");
            assertThat(otherPreflight.header("Access-Control-Allow-Origin")).isNull();
            assertThat(otherPreflight.status()).isEqualTo(401);
            Http.Response noToken = new Http(server.port()).get("/api/v1/loops", "Origin", PAGE);
            assertThat(noToken.status()).as("CORS does not replace the token").isEqualTo(401);
            assertThat(noToken.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
        } finally {
            server.stop();
            store.close();
        }
    }

    @Test
    void withoutATokenAListedPageIsServedAndAnotherStillRefused() {
        StateStore store = Stores.sqlite(dir);
        StatekeeperServer server = StatekeeperServer.create(store, Stores.server(Setting.CORS_ORIGINS, PAGE));
        try {
            Http http = new Http(server.start());
            assertThat(http.get("/api/v1/loops", "Origin", PAGE).status()).isEqualTo(200);
            Http.Response other = http.get("/api/v1/loops", "Origin", "http://evil.example");
            assertThat(other.status()).isEqualTo(403);
            assertThat(other.code()).isEqualTo("forbidden");
        } finally {
            server.stop();
            store.close();
        }
    }

    @Test
    void aWildcardOrAnythingButAnOriginIsRefusedAtStart() {
        StateStore store = Stores.sqlite(dir);
        try {
            for (String bad : new String[]{"*", "http://localhost:5173/", "localhost:5173", "http://a\u0007b",
                    "http://ok.example,", "ftp://x.example", "x".repeat(5000)}) {
                assertThatThrownBy(() -> StatekeeperServer.create(store, Stores.server(Setting.CORS_ORIGINS, bad)))
                        .as(bad.length() > 40 ? "huge" : bad).isInstanceOf(StatekeeperException.class)
                        .hasMessageContaining("which is not an origin: list each as scheme://host[:port] (such as "
                                + "http://localhost:5173), separated by commas; * is not accepted")
                        .hasMessageNotContaining("\u0007");
            }
            assertThatThrownBy(() -> StatekeeperServer.create(store, Stores.server(Setting.CORS_ORIGINS, "*")))
                    .hasMessage("STATEKEEPER_CORS_ORIGINS (set explicitly) has \"*\", which is not an origin: list each "
                            + "as scheme://host[:port] (such as http://localhost:5173), separated by commas; * is not "
                            + "accepted");
        } finally {
            store.close();
        }
    }
}
