package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.testkit.postgres.HeldPool;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve}'s doctor judges the pool of the store it serves: {@code GET /api/v1/doctor}, its scheduled cheap
 * checks and {@code /metrics}, while real callers hold every connection of a real PostgreSQL store's pool.
 */
class PostgresDoctorPoolTest {
    /**
     * The held pool's third caller waits; the server's change-history follower (MCP resource updates) polls the
     * newest sequence through the pool every second as a fallback to LISTEN, so it may be waiting too.
     */
    private static final String EXHAUSTED = "2 of 2 connections of the pool in use \\(100\\.0 %\\), [12] callers? waiting "
            + "for one: each waits up to 30\\.0 s \\(DATABASE_POOL_TIMEOUT\\), then fails";

    @Test
    void theDoctorRouteAndTheScheduledRunSeeTheServedStoresPoolExhausted() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        String database = postgres.createDatabase();
        Settings settings = Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, postgres.url(database)).set(Setting.POOL_MIN_SIZE, "1")
                .set(Setting.POOL_MAX_SIZE, "2").set(Setting.SERVER_PORT, "0").set(Setting.DOCTOR_INTERVAL, "0")
                .build();
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            Http http = new Http(server.start());
            try {
                JsonNode idle = http.get("/api/v1/doctor?check=pool-usage").json();
                assertThat(idle.at("/checks/1/id").asText()).isEqualTo("pool-usage");
                assertThat(idle.at("/checks/1/status").asText()).isEqualTo("ok");
                assertThat(idle.at("/checks/1/evidence/max").asInt()).isEqualTo(2);

                try (HeldPool held = HeldPool.hold(store, postgres.connect(database), 3)) {
                    Http.Response response = http.get("/api/v1/doctor?check=pool-usage");
                    assertThat(held.filled().waiting()).isBetween(1, 2);

                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.header("Statekeeper-Doctor-Verdict")).isEqualTo("fail");
                    JsonNode pool = response.json().at("/checks/1");
                    assertThat(pool.get("id").asText()).isEqualTo("pool-usage");
                    assertThat(pool.get("severity").asText()).isEqualTo("P1");
                    assertThat(pool.get("message").asText()).matches(EXHAUSTED);
                    assertThat(pool.at("/evidence/active").asInt()).isEqualTo(2);
                    assertThat(pool.at("/evidence/waiting").asInt()).isBetween(1, 2);
                    assertThat(pool.get("fix").isNull()).isTrue();

                    CheckResult scheduled = server.runScheduledDoctor().check("pool-usage").orElseThrow();
                    assertThat(scheduled.message()).matches(EXHAUSTED);
                    assertThat(http.get("/metrics").text())
                            .contains("statekeeper_doctor_findings{check=\"pool-usage\",severity=\"P1\"} 1.0");
                }

                assertThat(server.runScheduledDoctor().check("pool-usage").orElseThrow().status()).hasToString("OK");
                assertThat(http.get("/metrics").text())
                        .doesNotContain("statekeeper_doctor_findings{check=\"pool-usage\",severity=\"P1\"} 1.0");
            } finally {
                server.stop();
            }
        }
    }
}
