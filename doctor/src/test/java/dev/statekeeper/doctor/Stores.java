package dev.statekeeper.doctor;

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
 * Real stores for the doctor's tests: settings for a backend in a test's directory, and a realistic workload
 * through the store itself (loops with feedback and decisions, specs updated and linked, a roadmap, a plan,
 * sessions started and ended, some loops deleted); and raw SQL beside it.
 */
public final class Stores {
    private Stores() {
    }

    public static Settings settings(String backend, Path dir) {
        return Settings.builder().set(Setting.BACKEND, backend).set(Setting.DATA_DIR, dir.toString()).build();
    }

    /** The settings with one more value, as the environment would give it. */
    public static Settings with(Settings settings, Setting setting, String value) {
        return settings.toBuilder().set(setting, value).build();
    }

    /** Creates the store (as 'statekeeper init' does) and closes it. */
    public static void init(Settings settings, TestClock clock) {
        StateStores.open(settings, clock).close();
    }

    /** An ordinary day of work: {@code loops} loops with feedback and decisions, specs, a roadmap, a plan, sessions. */
    public static void workload(Settings settings, TestClock clock, int loops) {
        try (StateStore store = StateStores.open(settings, clock)) {
            store.putRoadmap("demo", Fixtures.roadmap("Demo roadmap"));
            store.putPlan("demo", Fixtures.plan("Ship it"));
            for (int n = 0; n < loops; n++) {
                String id = String.format("loop%04d", n);
                store.createLoop(new NewLoop("demo", LoopType.SPEC, id));
                store.addFeedback(id, Fixtures.feedback(1, 60 + n % 20), null);
                store.decide(id);
                store.addFeedback(id, Fixtures.feedback(2, 70 + n % 20), null);
                if (n % 3 == 0) {
                    store.putObjectiveFeedback(id, "objective of " + id);
                }
                if (n % 10 == 0) {
                    store.putSpec("demo", Fixtures.spec("Spec " + n));
                    store.linkLoop(id, "demo", "spec-" + n);
                }
                if (n % 7 == 6) {
                    store.deleteLoop(id);
                }
            }
            store.startSession(NewSession.named("session-1"));
            store.startSession(NewSession.named("session-2"));
            store.endSession("session-1");
        }
    }

    public static void sql(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
