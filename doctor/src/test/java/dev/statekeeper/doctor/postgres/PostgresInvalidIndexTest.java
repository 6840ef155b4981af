package dev.statekeeper.doctor.postgres;

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

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invalid indexes left by a failed CREATE UNIQUE INDEX CONCURRENTLY, one being built right now, and the safe fix. */
class PostgresInvalidIndexTest {
    private String database;
    private Settings settings;

    @BeforeEach
    void freshDatabase() {
        database = PgDatabases.fresh();
        settings = PgDatabases.settings(database);
    }

    @Test
    void aFailedUniqueIndexOnAnotherApplicationsTableIsP2WithAManualFix() throws Exception {
        PgDatabases.sql(database, "CREATE TABLE customers (email text)",
                "INSERT INTO customers VALUES ('a@example.com'), ('a@example.com')");
        assertThatThrownBy(() -> PgDatabases.sql(database,
                "CREATE UNIQUE INDEX CONCURRENTLY customers_email ON customers (email)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("could not create unique index");

        CheckResult result = PgDatabases.check(settings, "invalid-indexes");

        PgDatabases.assertFinding(result, Severity.P2, "1 invalid index(es): public.customers_email on customers: never "
                + "used by queries, still updated by every write");
        assertThat(result.evidence()).containsEntry("indexes", List.of("public.customers_email"))
                .containsEntry("definitions", List.of("CREATE UNIQUE INDEX customers_email ON public.customers USING btree "
                        + "(email)"));
        assertThat(result.fix()).isEqualTo(Fix.manual("REINDEX INDEX CONCURRENTLY public.customers_email;  -- or DROP "
                + "INDEX CONCURRENTLY public.customers_email;", "CREATE UNIQUE INDEX CONCURRENTLY customers_email ON "
                + "public.customers USING btree (email);  -- re-creates a dropped one"));
    }

    @Test
    void anInvalidIndexOfStatekeepersTableIsRebuiltByTheSafeFixOnceItsCauseIsGone() throws Exception {
        PgDatabases.sql(database, "INSERT INTO sessions (name, status, metadata, repo_name) VALUES "
                + "('s1', 'active', '{}', 'repo'), ('s2', 'active', '{}', 'repo')");
        assertThatThrownBy(() -> PgDatabases.sql(database,
                "CREATE UNIQUE INDEX CONCURRENTLY sessions_one_per_repo ON sessions (repo_name)"))
                .isInstanceOf(SQLException.class);
        DoctorReport report = Doctor.run(settings, PgDatabases.CLOCK, Selection.of(List.of("invalid-indexes")));
        CheckResult result = report.check("invalid-indexes").orElseThrow();
        assertThat(result.severity()).isEqualTo(Severity.P2);
        assertThat(result.fix().safe()).isTrue();
        assertThat(result.fix().action()).isEqualTo("REINDEX INDEX CONCURRENTLY public.sessions_one_per_repo;");

        List<FixOutcome> failed = Doctor.fix(settings, report);
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.applied()).isFalse();
            assertThat(f.message()).startsWith("failed on PostgreSQL database '" + database + "' at localhost:"
                    + PgDatabases.server().port() + ": ERROR: could not create unique index");
        });
        PgDatabases.sql(database, "DROP INDEX IF EXISTS sessions_one_per_repo_ccnew",
                "UPDATE sessions SET repo_name = 'other' WHERE name = 's2'");

        List<FixOutcome> fixed = Doctor.fix(settings, report);

        assertThat(fixed).singleElement().satisfies(f -> {
            assertThat(f.applied()).as(f.message()).isTrue();
            assertThat(f.message()).matches("ran on PostgreSQL database '" + database + "' at localhost:\\d+ in \\d+ ms");
        });
        PgDatabases.assertOk(PgDatabases.check(settings, "invalid-indexes"), "every index of database '" + database
                + "' is valid");
    }

    @Test
    void anIndexBeingBuiltConcurrentlyRightNowIsNotAFinding() throws Exception {
        PgDatabases.sql(database, "CREATE TABLE orders (id int PRIMARY KEY, total int)", "INSERT INTO orders VALUES (1, 5)");
        try (Session writer = new Session(database, "writer"); Session builder = new Session(database, "builder")) {
            writer.connection().setAutoCommit(false);
            writer.execute("UPDATE orders SET total = 6 WHERE id = 1"); // the build waits for this transaction
            builder.start("CREATE INDEX CONCURRENTLY orders_total ON orders (total)");
            PgDatabases.await(database, "SELECT count(*) = 1 FROM pg_index WHERE indexrelid = to_regclass('orders_total') "
                    + "AND NOT indisvalid");

            PgDatabases.assertOk(PgDatabases.check(settings, "invalid-indexes"), "every index of database '" + database
                    + "' is valid");

            writer.connection().commit();
            PgDatabases.await(database, "SELECT count(*) = 1 FROM pg_index WHERE indexrelid = to_regclass('orders_total') "
                    + "AND indisvalid");
            assertThat(builder.failure()).isNull();
        }
    }

    @Test
    void fixesThatAreNotTheDoctorsOwnAreRefused() {
        CheckResult forged = CheckResult.of("invalid-indexes", "forged").fix(Fix.safe("DROP TABLE loop_states;", "none"))
                .finding(Severity.P2, "forged");
        CheckResult notOurs = CheckResult.of("dead-tuples", "forged").fix(Fix.safe("VACUUM public.pg_class;", "none"))
                .finding(Severity.P3, "forged");

        CheckResult full = CheckResult.of("dead-tuples", "forged").fix(Fix.safe("VACUUM FULL public.sessions;", "none"))
                .finding(Severity.P3, "forged");
        FixOutcome refused = new PostgresDoctor().apply(settings, forged);
        FixOutcome other = new PostgresDoctor().apply(settings, notOurs);

        assertThat(refused.applied()).isFalse();
        assertThat(refused.message()).isEqualTo("not run on PostgreSQL database '" + database + "' at localhost:"
                + PgDatabases.server().port() + ": the doctor applies only ANALYZE, plain VACUUM and REINDEX INDEX "
                + "CONCURRENTLY of Statekeeper's tables and indexes, not: DROP TABLE loop_states;");
        assertThat(other.message()).endsWith(": public.pg_class is not one of Statekeeper's tables");
        assertThat(new PostgresDoctor().apply(settings, full).message()).endsWith("not: VACUUM FULL public.sessions;");
        assertThat(PgDatabases.check(settings, "invalid-indexes").status()).isEqualTo(CheckStatus.OK);
    }
}
