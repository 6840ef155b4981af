package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hit ratios over a window: reads made for real between the doctor's two samples, of a database copied from a
 * template on disk, whose blocks are not in shared buffers yet; and a quiet window, which is not enough data.
 */
class PostgresHitRatioTest {
    private static String template;

    @BeforeAll
    static void templateWithABigTable() throws Exception {
        template = PgDatabases.server().createDatabase();
        PgDatabases.sql(template, "CREATE TABLE filler (id int PRIMARY KEY, pad text)",
                "INSERT INTO filler SELECT g, repeat('x', 100) FROM generate_series(1, 100000) g");
    }

    @Test
    void readsFromDiskInTheWindowAreALowRatioEvenWithWarmLifetimeCounters() throws Exception {
        String database = PgDatabases.server().createDatabase(template);
        Settings settings = PgDatabases.with(PgDatabases.settings(database), Setting.DOCTOR_PG_SAMPLE_INTERVAL, 0,
                Setting.DOCTOR_PG_HIT_RATIO_MIN_BLOCKS, 100);
        CheckContext context = CheckContext.of(settings, PgDatabases.CLOCK, Selection.all());
        Connected<PostgresHandle> connected = new PostgresDoctor().connect(context);
        try (PostgresHandle handle = connected.handle()) {
            try (Session reader = new Session(database, "reporting")) {
                reader.execute("SELECT sum(length(pad)) FROM filler", "SET enable_seqscan = off",
                        "SELECT count(*) FROM filler WHERE id > 0");
            }
            PgDatabases.await(database, "SELECT heap_blks_read > 1000 AND idx_blks_read > 100 FROM pg_statio_user_tables "
                    + "WHERE relname = 'filler'");

            CheckResult tables = HitRatioCheck.tables().run(handle, context);
            CheckResult indexes = HitRatioCheck.indexes().run(handle, context);

            assertThat(tables.severity()).as(tables.message()).isEqualTo(Severity.P2);
            assertThat(tables.message()).matches("only \\d+\\.\\d % of \\d+ table blocks were found in shared buffers in "
                    + "the \\d+ s window");
            assertThat((Long) tables.evidence().get("readBlocks")).isGreaterThan(1000);
            assertThat((Double) tables.evidence().get("hitPercent")).isLessThan(95.0);
            assertThat(indexes.severity()).as(indexes.message()).isEqualTo(Severity.P2);
            assertThat(indexes.threshold()).isEqualTo(">= 95 % of index blocks found in shared buffers over a window of "
                    + "100 or more blocks (STATEKEEPER_DOCTOR_PG_HIT_RATIO_PERCENT=95, "
                    + "STATEKEEPER_DOCTOR_PG_HIT_RATIO_MIN_BLOCKS=100)");
        }
    }

    @Test
    void aQuietWindowIsNotEnoughDataNotAFinding() {
        Settings settings = PgDatabases.with(PgDatabases.settings(PgDatabases.fresh()), Setting.DOCTOR_PG_SAMPLE_INTERVAL,
                0.2);

        CheckResult result = PgDatabases.check(settings, "cache-hit-ratio");

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.skipReason()).matches("not enough data: \\d+ table blocks were accessed in the 0 s window, "
                + "fewer than STATEKEEPER_DOCTOR_PG_HIT_RATIO_MIN_BLOCKS=1000");
        assertThat((Double) result.evidence().get("windowSeconds")).isGreaterThanOrEqualTo(0.2);
    }
}
