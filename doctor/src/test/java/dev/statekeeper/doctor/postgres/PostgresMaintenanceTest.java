package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.FixOutcome;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead rows and tables never vacuumed or analyzed, made with autovacuum off, and the safe VACUUM and ANALYZE. */
class PostgresMaintenanceTest {
    private String database;
    private Settings settings;

    @BeforeEach
    void freshDatabase() {
        database = PgDatabases.fresh();
        settings = PgDatabases.settings(database);
    }

    @Test
    void deadRowsOfATableWithAutovacuumOffAreP3OverTheFloor() throws Exception {
        PgDatabases.sql(database, "CREATE TABLE junk (id int) WITH (autovacuum_enabled = false)",
                "INSERT INTO junk SELECT g FROM generate_series(1, 2000) g", "DELETE FROM junk WHERE id > 500");
        PgDatabases.await(database, "SELECT n_dead_tup = 1500 FROM pg_stat_user_tables WHERE relname = 'junk'");
        assertThat(PgDatabases.check(settings, "dead-tuples").status()).as("under the default floor of 10000")
                .isEqualTo(CheckStatus.OK);

        CheckResult result = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_DEAD_TUPLES_MIN, 1000),
                "dead-tuples");

        PgDatabases.assertFinding(result, Severity.P3, "1 table(s) with many dead rows; public.junk has 1500 dead of "
                + "2000 (75.0 %)");
        @SuppressWarnings("unchecked")
        Map<String, Object> junk = ((List<Map<String, Object>>) result.evidence().get("tables")).getFirst();
        assertThat(junk).containsEntry("liveRows", 500L).containsEntry("deadRows", 1500L)
                .containsEntry("autovacuum", false);
        assertThat(result.fix()).isEqualTo(Fix.manual("VACUUM public.junk;", result.fix().undo()));
        assertThat(result.threshold()).isEqualTo("dead rows < 25 % of a table's rows or < 1000 "
                + "(STATEKEEPER_DOCTOR_PG_DEAD_TUPLES_PERCENT=25, STATEKEEPER_DOCTOR_PG_DEAD_TUPLES_MIN=1000)");
    }

    @Test
    void deadRowsOfStatekeepersTableAreVacuumedByTheSafeFix() throws Exception {
        PgDatabases.sql(database, "INSERT INTO sessions (name, status, metadata) SELECT 's' || g, 'ended', '{}' "
                + "FROM generate_series(1, 2000) g", "DELETE FROM sessions WHERE name <> 's1'");
        PgDatabases.await(database, "SELECT n_dead_tup = 1999 FROM pg_stat_user_tables WHERE relname = 'sessions'");
        Settings low = PgDatabases.with(settings, Setting.DOCTOR_PG_DEAD_TUPLES_MIN, 1000);
        DoctorReport report = Doctor.run(low, PgDatabases.CLOCK, Selection.of(List.of("dead-tuples")));
        assertThat(report.check("dead-tuples").orElseThrow().fix()).isEqualTo(Fix.safe("VACUUM public.sessions;",
                "nothing to undo: VACUUM only makes the dead rows' space reusable"));

        List<FixOutcome> fixed = Doctor.fix(low, report);

        assertThat(fixed).singleElement().satisfies(f -> assertThat(f.applied()).as(f.message()).isTrue());
        PgDatabases.assertOk(PgDatabases.check(low, "dead-tuples"), "no table of database '" + database + "' is 25 % dead");
    }

    @Test
    void changedTablesNeverVacuumedOrAnalyzedAreP3AndTheSafeFixesDoIt() throws Exception {
        PgDatabases.sql(database, "INSERT INTO sessions (name, status, metadata) SELECT 's' || g, 'active', '{}' "
                + "FROM generate_series(1, 1500) g");
        PgDatabases.await(database, "SELECT n_mod_since_analyze = 1500 FROM pg_stat_user_tables WHERE relname = 'sessions'");

        DoctorReport report = Doctor.run(settings, PgDatabases.CLOCK, Selection.of(List.of("vacuum-age", "analyze-age")));

        CheckResult vacuum = report.check("vacuum-age").orElseThrow();
        CheckResult analyze = report.check("analyze-age").orElseThrow();
        PgDatabases.assertFinding(vacuum, Severity.P3, "1 table(s) with changes never vacuumed: public.sessions (1500 "
                + "rows changed)");
        PgDatabases.assertFinding(analyze, Severity.P3, "1 table(s) with changes never analyzed: public.sessions (1500 "
                + "rows changed)");
        assertThat(vacuum.fix().action()).isEqualTo("VACUUM public.sessions;");
        assertThat(analyze.fix().action()).isEqualTo("ANALYZE public.sessions;");
        assertThat(analyze.threshold()).isEqualTo("tables with 1000 or more rows changed analyzed within 172800 s "
                + "(STATEKEEPER_DOCTOR_PG_MAINTENANCE_MIN_ROWS=1000, STATEKEEPER_DOCTOR_PG_ANALYZE_AGE=172800)");

        assertThat(Doctor.fix(settings, report)).hasSize(2).allSatisfy(f -> assertThat(f.applied()).as(f.message())
                .isTrue());

        PgDatabases.assertOk(PgDatabases.check(settings, "analyze-age"), "every table of database '" + database
                + "' with 1000 or more changed rows was analyzed within 172800 s");
        assertThat(PgDatabases.check(settings, "vacuum-age").status()).isEqualTo(CheckStatus.OK);
    }
}
