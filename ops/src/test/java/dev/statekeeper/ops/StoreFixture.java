package dev.statekeeper.ops;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Real stores for the tests: settings for a backend in a test's directory, filled through the store itself with
 * loops {@code loop0000}, {@code loop0001}... (two feedback entries each, objective feedback on even ones), specs
 * {@code spec-0}... of project demo (with a roadmap) linked to the first loops, and sessions; and raw SQL beside it.
 */
final class StoreFixture {
    static final TestClock CLOCK = TestClock.frozen();

    private StoreFixture() {
    }

    static Settings settings(String backend, Path dir) {
        return Settings.builder().set(Setting.BACKEND, backend).set(Setting.DATA_DIR, dir.toString()).build();
    }

    static Settings withHistory(Settings settings, int size) {
        return settings.toBuilder().set(Setting.LOOP_HISTORY_SIZE, String.valueOf(size)).build();
    }

    static String loop(int n) {
        return String.format("loop%04d", n);
    }

    static void fill(Settings settings, int loops, int specs) {
        try (StateStore store = StateStores.open(settings, CLOCK)) {
            store.putRoadmap("demo", Fixtures.roadmap("Demo roadmap"));
            for (int s = 0; s < specs; s++) {
                store.putSpec("demo", Fixtures.spec("Spec " + s));
            }
            for (int n = 0; n < loops; n++) {
                store.createLoop(new NewLoop("demo", LoopType.SPEC, loop(n)));
                store.addFeedback(loop(n), Fixtures.feedback(1, 60 + n % 30), null);
                store.addFeedback(loop(n), Fixtures.feedback(1, 70 + n % 30), null);
                if (n % 2 == 0) {
                    store.putObjectiveFeedback(loop(n), "objective of " + loop(n));
                }
                if (n < specs) {
                    store.linkLoop(loop(n), "demo", "spec-" + n);
                }
            }
            store.startSession(NewSession.named("session-1"));
        }
    }

    /** A raw connection to the SQLite file, foreign keys off (the driver's default). */
    static Connection sqlite(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    static void sql(Path file, String... statements) throws SQLException {
        try (Connection c = sqlite(file); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Moves the WAL into the file, so the file alone holds every page (as after a clean shutdown). */
    static void checkpoint(Path file) throws SQLException {
        sql(file, "PRAGMA wal_checkpoint(TRUNCATE)");
    }
}
