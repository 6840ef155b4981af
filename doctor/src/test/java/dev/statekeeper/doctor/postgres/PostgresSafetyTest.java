package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The doctor never waits long: a lock it cannot get fails its check only, and interrupt cancels a statement. */
class PostgresSafetyTest {
    @Test
    void aCheckThatCannotGetALockFailsAfterTheLockTimeoutAndTheNextStillRuns() throws Exception {
        String database = PgDatabases.fresh();
        Settings settings = PgDatabases.settings(database);
        try (Session migration = new Session(database, "migration")) {
            migration.connection().setAutoCommit(false);
            migration.execute("DROP INDEX idx_sessions_created"); // holds the index in ACCESS EXCLUSIVE mode

            DoctorReport report = Doctor.run(settings, PgDatabases.CLOCK, Selection.of(List.of("duplicate-indexes",
                    "ssl")));

            CheckResult blocked = report.check("duplicate-indexes").orElseThrow();
            assertThat(blocked.status()).isEqualTo(CheckStatus.ERROR);
            assertThat(blocked.message()).contains("canceling statement due to lock timeout");
            assertThat(report.check("ssl").orElseThrow().status()).isEqualTo(CheckStatus.OK);
            migration.connection().rollback();
        }
    }

    @Test
    void interruptCancelsTheStatementTheHandleRuns() throws Exception {
        Settings settings = PgDatabases.settings(PgDatabases.fresh());
        PostgresDoctor doctor = new PostgresDoctor();
        Connected<PostgresHandle> connected = doctor.connect(CheckContext.of(settings, PgDatabases.CLOCK, Selection.all()));
        try (PostgresHandle handle = connected.handle()) {
            CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
                try {
                    return handle.text("SELECT pg_sleep(4)::text");
                } catch (SQLException e) {
                    return e.getSQLState() + ": " + e.getMessage();
                }
            });
            PgDatabases.await(connected.result().evidence().get("database").toString(), "SELECT count(*) = 1 FROM "
                    + "pg_stat_activity WHERE application_name = 'statekeeper-doctor' AND query LIKE 'SELECT pg_sleep%' "
                    + "AND state = 'active'");

            doctor.interrupt(handle);

            assertThat(sleeping.get(3, TimeUnit.SECONDS)).isEqualTo("57014: ERROR: canceling statement due to user "
                    + "request");
            assertThat(handle.text("SELECT 'still usable'")).isEqualTo("still usable");
        }
    }
}
