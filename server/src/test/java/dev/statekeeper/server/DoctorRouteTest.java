package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.Doctor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/doctor} on a real server (port 0) over a real SQLite store. */
class DoctorRouteTest {
    private static final String TOKEN = "s3cret-token-for-doctor-tests";

    @TempDir
    Path dir;

    private Settings settings(Object... overrides) {
        Settings.Builder b = Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATA_DIR, dir.toString())
                .set(Setting.SERVER_PORT, "0");
        for (int i = 0; i < overrides.length; i += 2) {
            b.set((Setting) overrides[i], (String) overrides[i + 1]);
        }
        return b.build();
    }

    private static List<String> ids(JsonNode report) {
        return report.get("checks").valueStream().map(c -> c.get("id").asText() + " " + c.get("status").asText())
                .toList();
    }

    @Test
    void answersTheDoctorsJsonReportWithAVerdictHeader() {
        Settings settings = settings();
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            Http http = new Http(server.start());
            try {
                Http.Response all = http.get("/api/v1/doctor");
                assertThat(all.status()).isEqualTo(200);
                assertThat(all.header("Content-Type")).startsWith("application/json");
                assertThat(all.header("Statekeeper-Doctor-Verdict")).isEqualTo("pass");
                JsonNode report = all.json();
                assertThat(report.propertyStream().map(Map.Entry::getKey).toList())
                        .containsExactly("backend", "target", "startedAt", "durationMs", "summary", "checks");
                assertThat(report.get("checks").valueStream().map(c -> c.get("id").asText()).toList())
                        .containsExactlyElementsOf(Doctor.checkIds(settings));
                assertThat(ids(report)).contains("connection ok", "backup-age finding");
                assertThat(report.at("/summary/P3").asInt()).isEqualTo(1);

                Http.Response some = http.get("/api/v1/doctor?check=connection&check=backup-age&failOn=P3");
                assertThat(some.status()).isEqualTo(200);
                assertThat(some.header("Statekeeper-Doctor-Verdict")).isEqualTo("fail");
                assertThat(ids(some.json())).containsExactly("connection ok", "backup-age finding");
                assertThat(some.json().at("/checks/1/severity").asText()).isEqualTo("P3");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void hostileQueryParametersAre400WithTheUsageMessage() {
        Settings settings = settings();
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            int port = server.start();
            Http http = new Http(port);
            try {
                assertUsage(http.get("/api/v1/doctor?failOn=P9"), "failOn \"P9\": use P0, P1, P2 or P3");
                assertUsage(http.get("/api/v1/doctor?check=nope"), "unknown check 'nope' for the sqlite backend; its "
                        + "checks are: " + String.join(", ", Doctor.checkIds(settings)));
                assertUsage(http.get("/api/v1/doctor?check=conn%1Bection"), "check \"conn\\u001bection\": not a check "
                        + "id (lowercase letters, digits and '-', at most 64; the report lists the ids)");
                assertUsage(http.get("/api/v1/doctor?check=" + "a".repeat(5000)), "check \"" + "a".repeat(80)
                        + "\"... (5000 characters): not a check id (lowercase letters, digits and '-', at most 64; the "
                        + "report lists the ids)");
                assertUsage(http.get("/api/v1/doctor?check=connection" + "&check=connection".repeat(64)),
                        "check: 65 checks named, at most 64 may be");
                assertUsage(http.get("/api/v1/doctor?check="), "check \"\": not a check id (lowercase letters, "
                        + "digits and '-', at most 64; the report lists the ids)");

                Http.Response twice = http.get("/api/v1/doctor?failOn=P1&failOn=P2");
                assertThat(twice.status()).isEqualTo(400);
                assertThat(twice.message()).isEqualTo("invalid query: failOn = 'P1,P2': must be given once");
                Http.Response unknown = http.get("/api/v1/doctor?fix=true");
                assertThat(unknown.status()).isEqualTo(400);
                assertThat(unknown.message())
                        .isEqualTo("invalid query: unknown query parameter \"fix\" (known: check, failOn)");
                Http.Response post = http.post("/api/v1/doctor", "{}");
                assertThat(post.status()).isEqualTo(405);

                assertThat(http.get("/api/v1/doctor?check=connection").status()).as("still serving").isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }

    private static void assertUsage(Http.Response response, String message) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("usage");
        assertThat(response.message()).isEqualTo(message);
    }

    @Test
    void anUnreachableStoreIs503WithTheReport() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("empty"));
        try (StateStore store = StateStores.open(settings(Setting.BACKEND, "memory"))) {
            StatekeeperServer server = StatekeeperServer.create(store, settings(Setting.DATA_DIR, elsewhere.toString()));
            Http http = new Http(server.start());
            try {
                Http.Response down = http.get("/api/v1/doctor");
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.header("Statekeeper-Doctor-Verdict")).isEqualTo("unreachable");
                JsonNode connection = down.json().at("/checks/0");
                assertThat(connection.get("severity").asText()).isEqualTo("P0");
                assertThat(connection.get("message").asText()).isEqualTo("sqlite database '"
                        + elsewhere.resolve("state.db").toAbsolutePath() + "' does not exist");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void needsTheTokenLikeTheRestOfTheApi() {
        Settings settings = settings(Setting.API_TOKEN, TOKEN);
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            Http http = new Http(server.start());
            try {
                assertThat(http.get("/api/v1/doctor").status()).isEqualTo(401);
                assertThat(http.get("/api/v1/doctor?check=connection", "Authorization", "Bearer " + TOKEN).status())
                        .isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }
}
