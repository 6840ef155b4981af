package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness and metrics over the PostgreSQL backend, whose pool's counts both show. */
class PostgresHealthTest {
    @Test
    void readyAndMetricsShowThePoolsCounts() {
        try (StateStore store = Stores.postgres()) { // a pool of at most 8
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server());
            Http http = new Http(server.start());
            try {
                Http.Response ready = http.get("/health/ready");
                assertThat(ready.status()).isEqualTo(200);
                JsonNode body = ready.json();
                assertThat(body.get("status").asText()).isEqualTo("ready");
                assertThat(body.get("backend").asText()).isEqualTo("postgres");
                assertThat(body.get("schemaVersion").asText()).isEqualTo(store.info().schemaVersion());
                JsonNode pool = body.get("pool");
                assertThat(pool.get("max").asInt()).isEqualTo(8);
                assertThat(pool.get("waiting").asInt()).isZero();
                assertThat(pool.get("active").asInt()).isBetween(0, 8);
                assertThat(pool.get("active").asInt() + pool.get("idle").asInt()).as("open connections")
                        .isBetween(1, 8);

                assertThat(http.get("/metrics").text())
                        .contains("# HELP statekeeper_pool_active connections of the pool in use")
                        .containsPattern("\nstatekeeper_pool_active \\d\\.0\n")
                        .containsPattern("\nstatekeeper_pool_idle \\d\\.0\n")
                        .contains("\nstatekeeper_pool_waiting 0.0\n")
                        .contains("\nstatekeeper_pool_max 8.0\n")
                        .doesNotContain("operation=\"poolStats\"");
            } finally {
                server.stop();
            }
        }
    }
}
