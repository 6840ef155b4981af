package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Databases for the PostgreSQL doctor's tests on the JVM's one embedded server: each test a database of its own,
 * copied from a template that a Statekeeper store migrated once, so the checks (which look at their database only)
 * never see another test's sessions or tables.
 */
final class PgDatabases {
    static final TestClock CLOCK = TestClock.frozen();
    private static final AtomicInteger ROLES = new AtomicInteger();
    private static String template;

    private PgDatabases() {
    }

    static PostgresServer server() {
        return PostgresServer.shared();
    }

    /** A new database holding a fresh, empty Statekeeper store. */
    static String fresh() {
        return server().createDatabase(template());
    }

    /** The settings of a postgres store on {@code database}, as the superuser. */
    static Settings settings(String database) {
        return settingsAs(server().url(database));
    }

    /** The settings of a postgres store at {@code url}. */
    static Settings settingsAs(String url) {
        return Settings.builder().set(Setting.BACKEND, "postgres").set(Setting.DATABASE_URL, url)
                .set(Setting.POOL_MIN_SIZE, "1").set(Setting.POOL_MAX_SIZE, "2").build();
    }

    /** The settings with more values, as the environment would give them: setting, value, setting, value... */
    static Settings with(Settings settings, Object... pairs) {
        Settings.Builder b = settings.toBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.set((Setting) pairs[i], String.valueOf(pairs[i + 1]));
        }
        return b.build();
    }

    /** Runs only the check {@code id} and returns its result. */
    static CheckResult check(Settings settings, String id) {
        DoctorReport report = Doctor.run(settings, CLOCK, Selection.of(List.of(id)));
        return report.check(id).orElseThrow();
    }

    /** A new login role without password (the embedded server trusts local connections) or privileges. */
    static String plainRole() {
        String role = "doctor_role_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
        server().execute("postgres", "CREATE ROLE " + role + " LOGIN");
        return role;
    }

    /** Runs statements as the superuser on the database, in auto-commit. */
    static void sql(String database, String... statements) throws SQLException {
        try (Connection c = server().connect(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Waits (bounded, by querying, never sleeping) until {@code condition}, a boolean query, holds on the database. */
    static void await(String database, String condition) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection c = server().connect(database); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery("SELECT (" + condition + ")")) {
                    r.next();
                    if (r.getBoolean(1)) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("timed out waiting for: " + condition);
    }

    static void assertFinding(CheckResult result, Severity severity, String message) {
        assertThat(result.status()).as(result.message()).isEqualTo(CheckStatus.FINDING);
        assertThat(result.severity()).isEqualTo(severity);
        assertThat(result.message()).isEqualTo(message);
        assertThat(result.runbook()).isNotBlank();
    }

    static void assertOk(CheckResult result, String message) {
        assertThat(result.status()).as(result.message()).isEqualTo(CheckStatus.OK);
        assertThat(result.message()).isEqualTo(message);
    }

    /** The migrated template database, made on first use. */
    private static synchronized String template() {
        if (template == null) {
            String name = server().createDatabase();
            StateStores.open(settings(name), CLOCK).close();
            template = name;
        }
        return template;
    }
}
