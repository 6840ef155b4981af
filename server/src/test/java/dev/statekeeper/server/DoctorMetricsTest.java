package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve}'s scheduled cheap doctor checks on /metrics, on a real server (port 0) and a real SQLite file. */
class DoctorMetricsTest {
    private static final String FREELIST = "statekeeper_doctor_findings{check=\"freelist\",severity=\"P3\"} 1.0";

    @TempDir
    Path dir;

    /** Free pages over 3 % is a finding: a new file has one free page of ~52 (the index its migration V8 drops). */
    private Settings settings(String interval) {
        return Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATA_DIR, dir.toString())
                .set(Setting.SERVER_PORT, "0").set(Setting.DOCTOR_INTERVAL, interval)
                .set(Setting.DOCTOR_FREELIST_PERCENT, "3").set(Setting.DOCTOR_FREELIST_MIN_MB, "0").build();
    }

    @Test
    void aFindingAppearsOnMetricsWhileItStandsAndIsGoneWhenItClears() throws Exception {
        Settings settings = settings("3600");
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            Http http = new Http(server.start());
            try {
                // a scrape lists the meters, then reads them: one taken while the first run records its findings
                // can show the run's end without its findings, so wait for both (the next scrape is whole)
                String first = awaitMetrics(http, "statekeeper_doctor_last_run_seconds ",
                        "statekeeper_doctor_findings{check=\"backup-age\",severity=\"P3\"} 1.0");
                assertThat(first).as("the first run starts with the server").doesNotContain(FREELIST);

                for (int n = 0; n < 200; n++) {
                    store.createLoop(new NewLoop("metrics", LoopType.SPEC, String.format("loop%04d", n)));
                }
                for (int n = 0; n < 200; n++) {
                    store.deleteLoop(String.format("loop%04d", n));
                }
                store.events().prune(java.time.Duration.ZERO); // else the history's new rows take the freed pages
                assertThat(server.runScheduledDoctor().check("freelist").orElseThrow().severity()).hasToString("P3");
                assertThat(http.get("/metrics").text()).contains(FREELIST);

                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
                     Statement s = c.createStatement()) {
                    s.execute("VACUUM");
                }
                assertThat(server.runScheduledDoctor().check("freelist").orElseThrow().status()).hasToString("OK");
                String cleared = http.get("/metrics").text();
                assertThat(cleared).doesNotContain("check=\"freelist\"")
                        .contains("statekeeper_doctor_findings{check=\"backup-age\",severity=\"P3\"} 1.0")
                        .containsPattern("statekeeper_doctor_last_run_seconds \\d\\.\\d+E9")
                        .contains("statekeeper_doctor_last_run_duration_seconds ");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void intervalZeroRunsNothing() {
        Settings settings = settings("0");
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            Http http = new Http(server.start());
            try {
                assertThat(http.get("/metrics").text()).contains("statekeeper_doctor_last_run_seconds 0.0")
                        .doesNotContain("statekeeper_doctor_findings");
            } finally {
                server.stop();
            }
        }
    }

    /** /metrics once it holds the text, the first run has ended and it holds the line too (bounded wait). */
    private static String awaitMetrics(Http http, String text, String line) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String metrics = http.get("/metrics").text();
        while ((!metrics.contains(text) || metrics.contains(text + "0.0") || !metrics.contains(line))
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            metrics = http.get("/metrics").text();
        }
        assertThat(metrics).contains(text).doesNotContain(text + "0.0").contains(line);
        return metrics;
    }
}
