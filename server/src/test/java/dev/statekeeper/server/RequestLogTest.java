package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One line per request on the logger dev.statekeeper.server.request, for the API and for MCP alike, read back from
 * the file the tests log to (simplelogger.properties).
 */
class RequestLogTest {
    private static final Path LOG = Path.of("target", "server-tests.log");
    private static final String TOKEN = "log-token-never-logged";

    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static int port;

    @BeforeAll
    static void start() {
        store = Stores.sqlite(dir);
        server = StatekeeperServer.create(store, Stores.server(Setting.API_TOKEN, TOKEN));
        port = server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    @Test
    void anApiRequestIsOneLineWithItsIdRouteStatusAndErrorCode() {
        String id = "rl-" + UUID.randomUUID();
        Http.Response r = new Http(port).with("Authorization", "Bearer " + TOKEN)
                .get("/api/v1/loops/zz99zz99?verbose=1", "X-Request-Id", id);
        assertThat(r.header("X-Request-Id")).isEqualTo(id);

        assertThat(awaitLines(id)).singleElement().asString()
                .matches(".* INFO dev\\.statekeeper\\.server\\.request - request id=" + id + " method=GET "
                        + "route=/api/v1/loops/\\{id\\} path=/api/v1/loops/zz99zz99 status=400 ms=\\d+\\.\\d\\d "
                        + "error=validation-failed");
        assertThat(StatekeeperServer.REQUEST_LOGGER).isEqualTo("dev.statekeeper.server.request");
    }

    @Test
    void anMcpRequestIsOneLineToo() {
        String refusedId = "rl-" + UUID.randomUUID();
        Http.Response refused = new Http(port).post("/mcp", McpHttpTest.INITIALIZE, "X-Request-Id", refusedId,
                "Authorization", "Bearer wrong", "Accept", "application/json, text/event-stream");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("X-Request-Id")).isEqualTo(refusedId);
        assertThat(awaitLines(refusedId)).singleElement().asString().endsWith(" - request id=" + refusedId
                + " method=POST route=/mcp path=/mcp status=401 ms=" + msOf(refusedId) + " error=unauthorized");

        String id = "rl-" + UUID.randomUUID();
        Http.Response initialized = new Http(port).post("/mcp", McpHttpTest.INITIALIZE, "X-Request-Id", id,
                "Authorization", "Bearer " + TOKEN, "Accept", "application/json, text/event-stream");
        assertThat(initialized.status()).isEqualTo(200);
        assertThat(initialized.header("X-Request-Id")).isEqualTo(id);
        assertThat(awaitLines(id)).singleElement().asString()
                .endsWith(" - request id=" + id + " method=POST route=/mcp path=/mcp status=200 ms=" + msOf(id)
                        + " error=-");
    }

    @Test
    void theTokenIsNeverLogged() {
        new Http(port).with("Authorization", "Bearer " + TOKEN).get("/api/v1/active-loops", "X-Request-Id", "rl-token");
        assertThat(awaitLines("rl-token")).hasSize(1);
        assertThat(read()).doesNotContain(TOKEN);
    }

    /** The log lines of the request with this id, once there are any (within 30 s). */
    private static List<String> awaitLines(String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> lines;
        while ((lines = linesOf(id)).isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return lines;
    }

    private static String msOf(String id) {
        String line = linesOf(id).getFirst();
        return line.substring(line.indexOf(" ms=") + 4, line.indexOf(" error="));
    }

    private static List<String> linesOf(String id) {
        return read().lines().filter(line -> line.contains(" id=" + id + " ")).toList();
    }

    private static String read() {
        try {
            return Files.readString(LOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
