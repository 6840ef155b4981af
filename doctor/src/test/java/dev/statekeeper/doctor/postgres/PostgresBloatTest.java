package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bloat made for real: nine rows in ten deleted and vacuumed, which leaves the table's and its index's pages. */
class PostgresBloatTest {
    @Test
    void aTableAndIndexEmptiedByDeletesAreEstimatedBloatedOverTheFloor() throws Exception {
        String database = PgDatabases.fresh();
        PgDatabases.sql(database, "CREATE TABLE archive (id int PRIMARY KEY, pad text)",
                "INSERT INTO archive SELECT g, repeat('x', 60) FROM generate_series(1, 100000) g",
                "DELETE FROM archive WHERE id % 10 <> 0", "VACUUM archive", "ANALYZE archive");
        Settings settings = PgDatabases.settings(database);
        assertThat(PgDatabases.check(settings, "table-bloat").status()).as("under the default 100 MiB floor")
                .isEqualTo(CheckStatus.OK);
        Settings low = PgDatabases.with(settings, Setting.DOCTOR_PG_BLOAT_MIN_MB, 1);

        CheckResult table = PgDatabases.check(low, "table-bloat");
        CheckResult index = PgDatabases.check(low, "index-bloat");

        assertThat(table.severity()).as(table.message()).isEqualTo(Severity.P3);
        assertThat(table.message()).matches("1 table\\(s\\) estimated mostly empty space \\(\\d+ MiB\\); public.archive "
                + "is \\d+\\.\\d % empty \\(\\d+ pages where \\d+ would do\\)");
        @SuppressWarnings("unchecked")
        Map<String, Object> archive = ((List<Map<String, Object>>) table.evidence().get("tables")).getFirst();
        assertThat((Double) archive.get("bloatPercent")).isGreaterThan(80.0);
        assertThat(table.fix().action()).isEqualTo("pg_repack --table=public.archive --dbname=" + database);
        assertThat(table.fix().safe()).isFalse();
        assertThat(index.severity()).as(index.message()).isEqualTo(Severity.P3);
        assertThat(index.message()).contains("public.archive_pkey is ");
        assertThat(index.fix().action()).isEqualTo("REINDEX INDEX CONCURRENTLY public.archive_pkey;");
    }

    @Test
    void aFullTableIsNotBloated() throws Exception {
        String database = PgDatabases.fresh();
        PgDatabases.sql(database, "CREATE TABLE ledger (id int PRIMARY KEY, pad text)",
                "INSERT INTO ledger SELECT g, repeat('x', 60) FROM generate_series(1, 100000) g", "ANALYZE ledger");
        Settings low = PgDatabases.with(PgDatabases.settings(database), Setting.DOCTOR_PG_BLOAT_MIN_MB, 0);

        assertThat(PgDatabases.check(low, "table-bloat").status()).isEqualTo(CheckStatus.OK);
        CheckResult index = PgDatabases.check(low, "index-bloat");
        assertThat(index.status()).as(index.message()).isEqualTo(CheckStatus.OK);
    }
}
