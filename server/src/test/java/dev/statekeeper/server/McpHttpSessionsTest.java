package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP sessions over HTTP are reclaimed: an unused one expires, a flood of initialize calls keeps at most
 * STATEKEEPER_MCP_MAX_SESSIONS, DELETE ends one, and the event stream of a client that went away is closed by the
 * next keep-alive instead of staying open until the server stops.
 */
class McpHttpSessionsTest {
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @TempDir
    Path dir;

    @Test
    void aSessionUnusedForTheIdleTimeoutIsGoneAndItsClientIsToldToInitializeAgain() {
        TestClock clock = new TestClock();
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.builder(store, Stores.server(Setting.MCP_SESSION_IDLE, "600"))
                    .clock(clock).build();
            Http http = new Http(server.start());
            try {
                String old = McpSessions.open(http);
                clock.advance(Duration.ofSeconds(599));
                String kept = McpSessions.open(http); // making a session sweeps the expired ones
                assertThat(McpSessions.ping(http, old).status()).as("used within the timeout").isEqualTo(200);

                clock.advance(Duration.ofSeconds(601));
                String fresh = McpSessions.open(http);
                Http.Response expired = McpSessions.ping(http, kept);
                assertThat(expired.status()).isEqualTo(404);
                assertThat(expired.json().at("/error/data/code").asText()).isEqualTo("session-not-found");
                assertThat(McpSessions.ping(http, old).status()).isEqualTo(404);
                assertThat(McpSessions.ping(http, fresh).status()).isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aFloodOfInitializeCallsKeepsTheNewestSessionsUpToTheLimit() {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server(Setting.MCP_MAX_SESSIONS, "10"));
            Http http = new Http(server.start());
            try {
                List<String> sessions = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    sessions.add(McpSessions.open(http));
                }
                assertThat(server.mcpSessions()).isEqualTo(10);
                for (String replaced : sessions.subList(0, 190).stream().filter(s -> s.hashCode() % 7 == 0).toList()) {
                    assertThat(McpSessions.ping(http, replaced).status()).as(replaced).isEqualTo(404);
                }
                for (String kept : sessions.subList(190, 200)) {
                    assertThat(McpSessions.ping(http, kept).status()).as(kept).isEqualTo(200);
                }
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void deleteEndsTheSession() {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server());
            Http http = new Http(server.start());
            try {
                String session = McpSessions.open(http);
                assertThat(http.delete("/mcp", "Mcp-Session-Id", session).status()).isEqualTo(204);
                assertThat(McpSessions.ping(http, session).status()).isEqualTo(404);
                assertThat(server.mcpSessions()).isZero();
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void theStreamOfAClientThatWentAwayIsClosedAtTheNextKeepAlive() throws Exception {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server(Setting.MCP_KEEPALIVE, "1"));
            int port = server.start();
            try {
                String session = McpSessions.open(new Http(port));
                try (Socket client = new Socket("127.0.0.1", port)) {
                    OutputStream out = client.getOutputStream();
                    out.write(("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nMcp-Session-Id: "
                            + session + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = client.getInputStream();
                    byte[] head = new byte[12];
                    assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
                    assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
                    assertThat(await(server::openEventStreams, 1)).as("the client's open stream").isEqualTo(1);
                } // the client exits without a word
                assertThat(await(server::openEventStreams, 0)).as("closed by a keep-alive write").isZero();
                assertThat(McpSessions.ping(new Http(port), session).status()).as("the session itself stays")
                        .isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }

    /** Waits (at most 30 s) until the count is the expected one; returns the count last seen. */
    private static int await(IntSupplier count, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count.getAsInt() != expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return count.getAsInt();
    }

    /** A raw MCP client's moves. */
    static final class McpSessions {
        private McpSessions() {
        }

        static String open(Http http) {
            Http.Response init = http.post("/mcp", McpHttpTest.INITIALIZE, "Accept", ACCEPT);
            assertThat(init.status()).as(init.text()).isEqualTo(200);
            return init.header("Mcp-Session-Id");
        }

        static Http.Response ping(Http http, String session) {
            return http.post("/mcp", PING, "Accept", ACCEPT, "Mcp-Session-Id", session);
        }
    }
}
