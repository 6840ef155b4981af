package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The doctor's own PostgreSQL connection: read-only, short timeouts, its name; and what it says when it fails. */
class PostgresConnectionTest {
    @Test
    void theDoctorsConnectionIsReadOnlyWithShortTimeoutsAndItsOwnName() throws Exception {
        String database = PgDatabases.fresh();
        Settings settings = PgDatabases.settings(database);

        Connected<PostgresHandle> connected = new PostgresDoctor().connect(CheckContext.of(settings, PgDatabases.CLOCK,
                Selection.all()));

        try (PostgresHandle handle = connected.handle()) {
            CheckResult result = connected.result();
            assertThat(result.status()).isEqualTo(CheckStatus.OK);
            assertThat(result.message()).isEqualTo("PostgreSQL database '" + database + "' at localhost:"
                    + PgDatabases.server().port() + " answers as 'postgres'");
            assertThat(result.evidence()).containsEntry("database", database).containsEntry("user", "postgres")
                    .containsEntry("readsAllStats", true).containsKeys("serverVersion", "connectMs", "roundTripMs");
            assertThat(handle.text("SHOW statement_timeout")).isEqualTo("5s");
            assertThat(handle.text("SHOW lock_timeout")).isEqualTo("2s");
            assertThat(handle.text("SHOW transaction_read_only")).isEqualTo("on");
            assertThat(handle.text("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"))
                    .isEqualTo("statekeeper-doctor");
            assertThat(handle.schema()).isEqualTo("public");
            assertThatThrownBy(() -> handle.number("SELECT count(*) FROM (INSERT INTO sessions (name, status, metadata) "
                    + "VALUES ('x', 'active', '{}') RETURNING 1) AS t")).isInstanceOf(SQLException.class);
            try (Statement s = handle.connection().createStatement()) {
                assertThatThrownBy(() -> s.execute("CREATE TABLE doctor_wrote (id int)"))
                        .hasMessage("ERROR: cannot execute CREATE TABLE in a read-only transaction");
            }
        }
    }

    @Test
    void aWrongPasswordIsP0NamingTheUserNeverThePassword() {
        PgDatabases.server().createPasswordRole("doctor_pw_user", "right-password", 5);
        String database = PgDatabases.fresh();
        Settings settings = PgDatabases.settingsAs("postgresql://doctor_pw_user:wr0ng-s3cret@localhost:"
                + PgDatabases.server().port() + "/" + database);

        DoctorReport report = Doctor.run(settings, PgDatabases.CLOCK, Selection.all());

        CheckResult connection = report.check("connection").orElseThrow();
        PgDatabases.assertFinding(connection, Severity.P0, "cannot connect to PostgreSQL database '" + database
                + "' at localhost:" + PgDatabases.server().port() + " as 'doctor_pw_user': authentication failed "
                + "(FATAL: password authentication failed for user \"doctor_pw_user\")");
        assertThat(connection.runbook()).startsWith("check the user and password in DATABASE_URL");
        assertThat(report.reachable()).isFalse();
        assertThat(report.toJson()).doesNotContain("wr0ng-s3cret");
        assertThat(report.target()).isEqualTo("postgresql://doctor_pw_user:****@localhost:" + PgDatabases.server().port()
                + "/" + database);
        assertThat(report.check("server-connections").orElseThrow().status()).isEqualTo(CheckStatus.SKIPPED);
    }

    @Test
    void aServerThatDoesNotAnswerIsP0AndUnreachable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Settings settings = PgDatabases.settingsAs("postgresql://postgres@localhost:" + port + "/nowhere");

        DoctorReport report = Doctor.run(settings, PgDatabases.CLOCK, Selection.all());

        CheckResult connection = report.check("connection").orElseThrow();
        PgDatabases.assertFinding(connection, Severity.P0, "cannot connect to PostgreSQL database 'nowhere' at "
                + "localhost:" + port + " as 'postgres': the server does not answer (Connection to localhost:" + port
                + " refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP "
                + "connections.)");
        assertThat(connection.runbook()).startsWith("check that PostgreSQL runs there (pg_isready -h localhost -p "
                + port + ")");
        assertThat(report.reachable()).isFalse();
    }

    @Test
    void aMissingDatabaseIsP0() {
        Settings settings = PgDatabases.settings("no_such_database");

        CheckResult connection = Doctor.run(settings, PgDatabases.CLOCK, Selection.all()).check("connection")
                .orElseThrow();

        PgDatabases.assertFinding(connection, Severity.P0, "cannot connect to PostgreSQL database 'no_such_database' "
                + "at localhost:" + PgDatabases.server().port() + " as 'postgres': the database does not exist (FATAL: "
                + "database \"no_such_database\" does not exist)");
    }

    @Test
    void aMalformedUrlIsP0SayingWhy() {
        Settings settings = Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, "postgresql://user:secret@localhost:5432/").build();

        CheckResult connection = Doctor.run(settings, PgDatabases.CLOCK, Selection.all()).check("connection")
                .orElseThrow();

        assertThat(connection.severity()).isEqualTo(Severity.P0);
        assertThat(connection.message()).contains("names no database").doesNotContain("secret");
    }
}
