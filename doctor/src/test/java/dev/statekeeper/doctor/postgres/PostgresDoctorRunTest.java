package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.Stores;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole doctor runs on PostgreSQL: no false alarm on a fresh or worked store, as the superuser or a plain role. */
class PostgresDoctorRunTest {
    @Test
    void aFreshStoreAndOneAfterAnOrdinaryWorkloadHaveNoFindingAtP2OrAbove() {
        String database = PgDatabases.fresh();
        Settings settings = PgDatabases.settings(database);

        DoctorReport fresh = Doctor.run(settings, PgDatabases.CLOCK, Selection.all());

        assertThat(fresh.atLeast(Severity.P2)).as(fresh.toJson()).isEmpty();
        assertThat(fresh.summary().error()).as(fresh.toJson()).isZero();
        assertThat(fresh.backend()).isEqualTo("postgres");
        assertThat(fresh.checks().stream().map(CheckResult::id)).startsWith("connection", "server-connections", "pool-usage",
                "long-running-queries", "idle-in-transaction", "blocked-queries", "xid-wraparound", "mxid-wraparound",
                "sequence-exhaustion", "invalid-indexes", "dead-tuples", "vacuum-age", "analyze-age", "unused-indexes",
                "duplicate-indexes", "missing-fk-indexes", "pg-trgm", "ssl");

        Stores.workload(settings, PgDatabases.CLOCK, 400);
        DoctorReport worked = Doctor.run(settings, PgDatabases.CLOCK, Selection.all());

        assertThat(worked.atLeast(Severity.P2)).as(worked.toJson()).isEmpty();
        assertThat(worked.summary().error()).as(worked.toJson()).isZero();
    }

    @Test
    void healthcheckRunsOnlyTheCheapChecks() {
        Settings settings = PgDatabases.settings(PgDatabases.fresh());

        DoctorReport report = Doctor.run(settings, PgDatabases.CLOCK, Selection.cheap());

        assertThat(report.checks().stream().map(CheckResult::id)).contains("server-connections", "pool-usage", "long-running-queries",
                "xid-wraparound", "pg-trgm", "ssl").doesNotContain("unused-indexes", "dead-tuples", "migrations");
        assertThat(report.summary().error()).isZero();
    }

    @Test
    void aPlainRoleWithoutPgMonitorIsToldTheGrantAndNothingErrs() throws Exception {
        String database = PgDatabases.fresh();
        String role = PgDatabases.plainRole();
        PgDatabases.sql(database, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        Settings plain = PgDatabases.settingsAs("postgresql://" + role + "@localhost:" + PgDatabases.server().port()
                + "/" + database);

        DoctorReport without = Doctor.run(plain, PgDatabases.CLOCK, Selection.all());

        assertThat(without.summary().error()).as(without.toJson()).isZero();
        assertThat(without.atLeast(Severity.P2)).as(without.toJson()).isEmpty();
        List<String> skipped = without.checks().stream().filter(c -> c.status() == CheckStatus.SKIPPED)
                .filter(c -> c.skipReason().contains("GRANT pg_monitor TO " + role + ";")).map(CheckResult::id).toList();
        assertThat(skipped).contains("long-running-queries", "idle-in-transaction", "blocked-queries");

        PgDatabases.sql(database, "GRANT pg_monitor TO " + role);
        DoctorReport with = Doctor.run(plain, PgDatabases.CLOCK, Selection.all());

        assertThat(with.summary().error()).as(with.toJson()).isZero();
        assertThat(with.checks().stream().filter(c -> c.status() == CheckStatus.SKIPPED)
                .filter(c -> String.valueOf(c.skipReason()).contains("GRANT pg_monitor"))).isEmpty();
    }
}
