package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class HealthAndMetricsTest {
    @TempDir
    Path dir;

    @Test
    void readyReportsTheBackendAndMetricsCountRequestsPerRouteTemplate() {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server());
            Http http = new Http(server.start());
            try {
                JsonNode ready = http.get("/health/ready").json();
                assertThat(ready.get("status").asText()).isEqualTo("ready");
                assertThat(ready.get("backend").asText()).isEqualTo("sqlite");
                assertThat(ready.get("schemaVersion").asText()).isNotBlank();
                assertThat(ready.has("pool")).as("SQLite has no pool").isFalse();
                assertThat(http.get("/health/ready").status()).isEqualTo(200);

                http.get("/api/v1/loops/aaaa1111");
                http.get("/api/v1/loops/bbbb2222");
                http.post("/api/v1/loops", "{\"project\": \"m\", \"type\": \"plan\"}");
                http.get("/api/v1/nowhere");

                Http.Response metrics = http.get("/metrics");
                assertThat(metrics.header("Content-Type")).startsWith("text/plain");
                assertThat(metrics.text())
                        .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/loops/{id}\",status=\"404\"} 2")
                        .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/loops\",status=\"201\"} 1")
                        .contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/api/v1/loops\",status=\"201\",le=\"10.0\"} 1")
                        .contains("http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"} 1")
                        .contains("statekeeper_errors_total{code=\"loop-not-found\"} 2")
                        .contains("statekeeper_errors_total{code=\"route-not-found\"} 1")
                        .contains("statekeeper_store_operations_seconds_count{operation=\"getLoop\",outcome=\"loop-not-found\"} 2")
                        .contains("statekeeper_store_operations_seconds_count{operation=\"createLoop\",outcome=\"ok\"} 1")
                        .contains("jvm_memory_used_bytes")
                        .as("readiness pings; the backend and schema version are read once")
                        .contains("statekeeper_store_operations_seconds_count{operation=\"ping\",outcome=\"ok\"}")
                        .contains("statekeeper_store_operations_seconds_count{operation=\"info\",outcome=\"ok\"} 1\n")
                        .doesNotContain("statekeeper_pool_")
                        .doesNotContain("aaaa1111");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void readyIs503WhenTheStoreDoesNotAnswerInTime() {
        try (StateStore real = Stores.sqlite(dir)) {
            BlockingStore blocking = new BlockingStore(real, "ping");
            StatekeeperServer server = StatekeeperServer.create(blocking.store, Stores.server(Setting.READY_TIMEOUT, "0.1"));
            Http http = new Http(server.start());
            try {
                Http.Response notReady = http.get("/health/ready");
                assertThat(notReady.status()).isEqualTo(503);
                assertThat(notReady.json().get("status").asText()).isEqualTo("unavailable");
                assertThat(notReady.json().get("reason").asText())
                        .isEqualTo("the store did not answer within 100 ms (STATEKEEPER_READY_TIMEOUT)");
                assertThat(http.get("/health/ready").status()).as("a second probe waits on the first").isEqualTo(503);
                assertThat(http.get("/health/live").status()).isEqualTo(200);

                blocking.release();
                assertThat(awaitStatus(http, "/health/ready", 200)).isEqualTo(200);
            } finally {
                blocking.release();
                server.stop();
            }
        }
    }

    private static int awaitStatus(Http http, String path, int wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status;
        do {
            status = http.get(path).status();
            if (status != wanted) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        } while (status != wanted && System.nanoTime() < deadline);
        return status;
    }
}
