package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.perf.PerfQuery;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/perf} and {@code /api/v1/perf/slow} on a real server (port 0) over stores opened for real. */
class PerfRouteTest {
    private static final String TOKEN = "s3cret-token-for-perf-tests";

    @TempDir
    Path dir;

    private Settings settings(Object... overrides) {
        Settings.Builder b = Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATA_DIR, dir.toString())
                .set(Setting.SERVER_PORT, "0").set(Setting.DOCTOR_INTERVAL, "0");
        for (int i = 0; i < overrides.length; i += 2) {
            b.set((Setting) overrides[i], (String) overrides[i + 1]);
        }
        return b.build();
    }

    @Test
    void countsTheOperationsTheApiRanInThePerfJsonShape() {
        Settings settings = settings(Setting.BACKEND, "memory");
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            Http http = new Http(server.start());
            try {
                String id = http.post("/api/v1/loops", "{\"project\": \"m\", \"type\": \"plan\"}").json().get("id")
                        .asText();
                http.get("/api/v1/loops/" + id);
                http.get("/api/v1/loops/" + id);
                assertThat(http.get("/api/v1/loops/zzzz9999").status()).isEqualTo(404);

                Http.Response response = http.get("/api/v1/perf?since=15m");
                assertThat(response.status()).as(response.text()).isEqualTo(200);
                assertThat(response.header("Content-Type")).startsWith("application/json");
                JsonNode report = response.json();
                assertThat(report.propertyStream().map(Map.Entry::getKey).toList()).containsExactly("since", "until",
                        "operation", "scope", "persistent", "problem", "slowThresholdMs", "operations", "slowest");
                assertThat(report.get("scope").asText()).as("memory keeps the log in the process").isEqualTo("process");
                JsonNode getLoop = report.get("operations").get(0);
                assertThat(getLoop.get("operation").asText()).as("busiest first").isEqualTo("getLoop");
                assertThat(getLoop.get("count").asLong()).isEqualTo(3);
                assertThat(getLoop.get("errors").asLong()).isEqualTo(1);
                assertThat(getLoop.get("faults").asLong()).isZero();
                assertThat(getLoop.propertyStream().map(Map.Entry::getKey).toList()).containsExactly("operation",
                        "count", "errors", "faults", "avgMs", "p50Ms", "p95Ms", "p99Ms", "maxMs");
                assertThat(getLoop.get("maxMs").asDouble()).isGreaterThanOrEqualTo(getLoop.get("p99Ms").asDouble());

                JsonNode only = http.get("/api/v1/perf?operation=createLoop&limit=3").json();
                assertThat(only.get("operation").asText()).isEqualTo("createLoop");
                assertThat(only.get("operations").size()).isEqualTo(1);
                assertThat(only.at("/operations/0/count").asLong()).isEqualTo(1);

                JsonNode slow = http.get("/api/v1/perf/slow?limit=5").json();
                assertThat(slow.has("operations")).isFalse();
                assertThat(slow.get("slowest").isArray()).isTrue();
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aSlowOperationMadeOverHttpCarriesItsRequestId() throws Exception {
        Settings settings = settings(Setting.SLOW_OPERATION_MS, "1", Setting.SQLITE_BUSY_TIMEOUT, "0.1");
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            Http http = new Http(server.start());
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
                 Statement sql = other.createStatement()) {
                // another process holds the write lock: the write waits STATEKEEPER_SQLITE_BUSY_TIMEOUT, then fails
                sql.execute("BEGIN IMMEDIATE");
                Http.Response busy = http.post("/api/v1/loops", "{\"project\": \"m\", \"type\": \"plan\"}",
                        "X-Request-Id", "perf-slow-1");
                assertThat(busy.code()).as(busy.text()).isEqualTo("database-busy");
                sql.execute("ROLLBACK");

                JsonNode slow = http.get("/api/v1/perf/slow?since=1h").json();
                JsonNode record = slow.get("slowest").valueStream()
                        .filter(s -> s.get("operation").asText().equals("createLoop")).findFirst().orElseThrow();
                assertThat(record.get("requestId").asText()).isEqualTo("perf-slow-1");
                assertThat(record.get("outcome").asText()).isEqualTo("database-busy");
                assertThat(record.get("backend").asText()).isEqualTo("sqlite");
                assertThat(record.get("durationMs").asDouble()).isGreaterThanOrEqualTo(1.0);
                assertThat(slow.get("slowThresholdMs").asLong()).isEqualTo(1);

                JsonNode perf = http.get("/api/v1/perf?operation=createLoop").json();
                assertThat(perf.at("/slowest/0/requestId").asText()).isEqualTo("perf-slow-1");
                assertThat(perf.at("/operations/0/faults").asLong()).as("busy is the store's side").isEqualTo(1);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aSlowMcpToolCallOverHttpCarriesTheHttpRequestIdAndItsJsonRpcId() throws Exception {
        Settings settings = settings(Setting.SLOW_OPERATION_MS, "1", Setting.SQLITE_BUSY_TIMEOUT, "0.1");
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            int port = server.start();
            try (McpSyncClient client = McpHttpTest.client(port,
                    HttpRequest.newBuilder().header("X-Request-Id", "mcp-over-http-1"));
                 Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
                 Statement sql = other.createStatement()) {
                client.initialize();
                sql.execute("BEGIN IMMEDIATE");
                CallToolResult busy = McpHttpTest.call(client, "initialize_refinement_loop",
                        Map.of("project", "m", "type", "plan"));
                assertThat(busy.isError()).isTrue();
                sql.execute("ROLLBACK");

                JsonNode record = new Http(port).get("/api/v1/perf/slow").json().get("slowest").valueStream()
                        .filter(s -> s.get("outcome").asText().equals("database-busy")).findFirst().orElseThrow();
                assertThat(record.get("requestId").asText())
                        .matches("mcp-over-http-1 mcp:[^:\\s]+:initialize_refinement_loop");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void everyParameterRefusesHostileValuesWithA400() {
        Settings settings = settings(Setting.BACKEND, "memory");
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            Http http = new Http(server.start());
            try {
                String sinceRule = ": use a duration back from now (90s, 15m, 1h, 7d) or an ISO-8601 instant "
                        + "(2026-12-02T15:00:00Z)";
                assertUsage(http.get("/api/v1/perf?since=abc"), "since \"abc\"" + sinceRule);
                assertUsage(http.get("/api/v1/perf?since=-1h"), "since \"-1h\"" + sinceRule);
                assertUsage(http.get("/api/v1/perf/slow?since=" + q("1h\u001b[2J")), "since \"1h\\u001b[2J\"" + sinceRule);
                assertUsage(http.get("/api/v1/perf?since=0s"), "since \"0s\": the window must be longer than 0");
                assertUsage(http.get("/api/v1/perf?since=9999d"), "since \"9999d\": at most 365d back (the log keeps "
                        + "no more)");
                String valid = String.join(", ", PerfQuery.operations());
                assertUsage(http.get("/api/v1/perf?operation=DROP%20TABLE"), "operation \"DROP TABLE\": not a store "
                        + "operation; use one of " + valid);
                assertUsage(http.get("/api/v1/perf?operation=" + q("getLoop\r\nX: y")),
                        "operation \"getLoop\\u000d\\u000aX: y\": not a store operation; use one of " + valid);
                String limitRule = ": use a whole number from 1 to 1000";
                assertUsage(http.get("/api/v1/perf?limit=0"), "limit \"0\"" + limitRule);
                assertUsage(http.get("/api/v1/perf/slow?limit=1001"), "limit \"1001\"" + limitRule);
                assertUsage(http.get("/api/v1/perf/slow?limit=99999999999999999999"),
                        "limit \"99999999999999999999\"" + limitRule);
                assertUsage(http.get("/api/v1/perf/slow?limit=ten"), "limit \"ten\"" + limitRule);
                assertUsage(http.get("/api/v1/perf/slow?limit=1.5"), "limit \"1.5\"" + limitRule);

                Http.Response huge = http.get("/api/v1/perf?operation=" + "x".repeat(4_000));
                assertThat(huge.status()).isEqualTo(400);
                assertThat(huge.message()).startsWith("operation \"xxx").contains("... (4000 characters)")
                        .hasSizeLessThan(2_000);
                Http.Response twice = http.get("/api/v1/perf?limit=1&limit=2");
                assertThat(twice.status()).isEqualTo(400);
                assertThat(twice.message()).isEqualTo("invalid query: limit = '1,2': must be given once");
                Http.Response notHere = http.get("/api/v1/perf/slow?operation=getLoop");
                assertThat(notHere.status()).isEqualTo(400);
                assertThat(notHere.message())
                        .isEqualTo("invalid query: unknown query parameter \"operation\" (known: limit, since)");
                assertThat(http.post("/api/v1/perf", "{}").status()).isEqualTo(405);
                assertThat(http.get("/api/v1/perf").status()).as("still serving").isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void needsTheTokenLikeTheRestOfTheApi() {
        Settings settings = settings(Setting.BACKEND, "memory", Setting.API_TOKEN, TOKEN);
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            int port = server.start();
            try {
                assertThat(new Http(port).get("/api/v1/perf").status()).isEqualTo(401);
                assertThat(new Http(port).get("/api/v1/perf/slow").status()).isEqualTo(401);
                assertThat(new Http(port).with("Authorization", "Bearer " + TOKEN).get("/api/v1/perf").status())
                        .isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertUsage(Http.Response response, String message) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("usage");
        assertThat(response.message()).isEqualTo(message);
    }
}
