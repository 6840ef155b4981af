package dev.statekeeper.doctor.maintain;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.Stores;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code db maintain} on the embedded PostgreSQL: VACUUM (ANALYZE) of Statekeeper's tables, logged. */
class PostgresMaintenanceTest {
    private final TestClock clock = new TestClock();

    @Test
    void vacuumsAndAnalyzesEveryTableOnItsOwnConnectionAndLogsTheRun() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String database = server.createDatabase();
        Settings settings = Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, server.url(database)).build();
        Stores.workload(settings, clock, 20);

        MaintenanceRun dry = Maintenance.run(settings, clock, true);
        assertThat(dry.steps()).extracting(MaintenanceRun.Step::action)
                .contains("VACUUM (ANALYZE) public.loop_states", "VACUUM (ANALYZE) public.maintenance_log",
                        "VACUUM (ANALYZE) public.operation_minutes", "VACUUM (ANALYZE) public.slow_operations",
                        "VACUUM (ANALYZE) public.flyway_schema_history")
                .first().isEqualTo("prune events older than 90d (STATEKEEPER_EVENTS_RETENTION)");
        assertThat(dry.steps().subList(1, dry.steps().size())).extracting(MaintenanceRun.Step::action)
                .allSatisfy(a -> assertThat(a).startsWith("VACUUM (ANALYZE) public."));
        assertThat(dry.steps()).extracting(MaintenanceRun.Step::result).containsOnly("would run");

        MaintenanceRun run = Maintenance.run(settings, clock, false);
        assertThat(run.result()).isEqualTo("ok");
        assertThat(run.steps()).extracting(MaintenanceRun.Step::action).isEqualTo(
                dry.steps().stream().map(MaintenanceRun.Step::action).toList());
        assertThat(run.target()).doesNotContain(server.url(database).replaceAll(".*://[^:]*:([^@]*)@.*", "$1") + "@");
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), min(actions) FROM maintenance_log WHERE result = 'ok'")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
            assertThat(r.getString(2)).startsWith("prune events older than 90d (STATEKEEPER_EVENTS_RETENTION); VACUUM (ANALYZE) public.")
                    .contains("public.loop_states");
        }
        assertThat(MaintenanceLog.activity(settings).lastMaintenance()).contains(run.startedAt());
    }

    @Test
    void aDatabaseThatCannotBeReachedIsBackendUnavailable() {
        PostgresServer server = PostgresServer.shared();
        Settings settings = Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, server.url("no_such_database_here")).build();
        StatekeeperException e = catchThrowableOfType(StatekeeperException.class,
                () -> Maintenance.run(settings, clock, true));
        assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("cannot connect to PostgreSQL database 'no_such_database_here' at ")
                .contains("does not exist");
    }
}
