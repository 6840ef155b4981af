package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** pg-trgm and its index, and ssl, on a fresh store. */
class PostgresStoreChecksTest {
    private String database;
    private Settings settings;

    @BeforeEach
    void freshDatabase() {
        database = PgDatabases.fresh();
        settings = PgDatabases.settings(database);
    }

    @Test
    void aFreshStoreHasPgTrgmAndItsIndex() {
        CheckResult result = PgDatabases.check(settings, "pg-trgm");

        assertThat(result.status()).isEqualTo(CheckStatus.OK);
        assertThat(result.message()).matches("pg_trgm [\\d.]+ is installed and the trigram index "
                + "idx_specs_project_name_search serves fuzzy spec resolve");
    }

    @Test
    void aDroppedTrigramIndexIsP3WithTheCreateIndex() throws Exception {
        PgDatabases.sql(database, "DROP INDEX idx_specs_project_name_search");

        CheckResult result = PgDatabases.check(settings, "pg-trgm");

        PgDatabases.assertFinding(result, Severity.P3, "the trigram index over spec names is missing: fuzzy spec resolve "
                + "reads every spec name of a project");
        assertThat(result.fix()).isEqualTo(Fix.manual("CREATE INDEX CONCURRENTLY IF NOT EXISTS "
                + "idx_specs_project_name_search ON public.technical_specs USING gin (project_name, spec_name "
                + "public.gin_trgm_ops);", "DROP INDEX CONCURRENTLY public.idx_specs_project_name_search;"));
    }

    @Test
    void withoutTheExtensionItIsP3WithTheCreateExtension() throws Exception {
        PgDatabases.sql(database, "DROP EXTENSION pg_trgm CASCADE");

        CheckResult result = PgDatabases.check(settings, "pg-trgm");

        PgDatabases.assertFinding(result, Severity.P3, "pg_trgm is not installed in database '" + database + "': fuzzy "
                + "spec resolve reads every spec name of a project and ranks them in Java");
        assertThat(result.fix().action()).isEqualTo("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
    }

    @Test
    void anEmptyDatabaseHasNoStoreToCheck() {
        Settings empty = PgDatabases.settings(PgDatabases.server().createDatabase());

        CheckResult result = PgDatabases.check(empty, "pg-trgm");

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.skipReason()).isEqualTo("Statekeeper's tables are not in schema 'public' yet ('statekeeper "
                + "init' creates them)");
    }

    @Test
    void aLocalConnectionNeedsNoEncryption() {
        CheckResult result = PgDatabases.check(settings, "ssl");

        PgDatabases.assertOk(result, "the connection to localhost stays on this machine");
        assertThat(result.evidence()).containsEntry("local", true).containsEntry("encrypted", false);
        assertThat(SslCheck.local("127.0.0.1")).isTrue();
        assertThat(SslCheck.local("[::1]")).isTrue();
        assertThat(SslCheck.local("db.example.com")).isFalse();
        assertThat(SslCheck.local("10.0.0.5")).isFalse();
    }
}
