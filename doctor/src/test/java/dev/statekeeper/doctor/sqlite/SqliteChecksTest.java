package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.FixOutcome;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.Stores;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each SQLite check against a real file in which its problem was made, and its safe fix where it has one. */
class SqliteChecksTest {
    private final TestClock clock = TestClock.frozen();

    @TempDir
    Path dir;

    private Settings settings() {
        return Stores.settings("sqlite", dir);
    }

    private Path file() {
        return dir.resolve("state.db");
    }

    private CheckResult check(Settings settings, String id) {
        return Doctor.run(settings, clock, Selection.of(List.of(id))).check(id).orElseThrow();
    }

    private static void assertFinding(CheckResult result, Severity severity, String message) {
        assertThat(result.status()).as(result.message()).isEqualTo(CheckStatus.FINDING);
        assertThat(result.severity()).isEqualTo(severity);
        assertThat(result.message()).isEqualTo(message);
        assertThat(result.runbook()).isNotBlank();
    }

    @Test
    void aFreshStoreAndOneAfterAnOrdinaryWorkloadHaveNoFindingAtP2OrAbove() {
        Stores.init(settings(), clock);
        DoctorReport fresh = Doctor.run(settings(), clock, Selection.all());
        assertThat(fresh.atLeast(Severity.P2)).isEmpty();
        assertThat(fresh.summary().error()).isZero();
        assertThat(fresh.check("backup-age").orElseThrow().severity()).isEqualTo(Severity.P3);

        Stores.workload(settings(), clock, 400);
        DoctorReport worked = Doctor.run(settings(), clock, Selection.all());

        assertThat(worked.atLeast(Severity.P2)).isEmpty();
        assertThat(worked.summary().error()).isZero();
        assertThat(worked.checks().stream().map(CheckResult::id)).containsExactly("connection", "integrity",
                "foreign-keys", "journal-mode", "freelist", "wal-size", "stats-age", "disk-space", "migrations",
                "backup-age", "backup-integrity", "maintenance-age", "slow-operations", "error-rate");
    }

    @Test
    void aFileSwitchedOutOfWalModeIsP3UntilTheStoreOpensItAgain() throws Exception {
        Stores.init(settings(), clock);
        Stores.sql(file(), "PRAGMA journal_mode=DELETE");

        CheckResult result = check(settings(), "journal-mode");

        assertFinding(result, Severity.P3, "the file is in delete journal mode, not WAL: readers and the writer block "
                + "each other");
        assertThat(result.evidence()).containsEntry("journalMode", "delete");
        assertThat(result.fix().safe()).isFalse();
        Stores.init(settings(), clock);
        assertThat(check(settings(), "journal-mode").status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void deletedLoopsLeaveFreePagesThatAreP3OverTheFloor() {
        Stores.workload(settings(), clock, 300);
        try (StateStore store = StateStores.open(settings(), clock)) {
            for (int n = 0; n < 300; n++) {
                if (n % 7 != 6) { // the workload deleted those
                    store.deleteLoop(String.format("loop%04d", n));
                }
            }
            // the history of the workload and these deletions goes too, else its rows take the pages the loops freed
            clock.advance(java.time.Duration.ofDays(1));
            store.events().prune(java.time.Duration.ofHours(1));
        }
        assertThat(check(settings(), "freelist").status()).as("under the default 16 MiB floor").isEqualTo(CheckStatus.OK);

        CheckResult result = check(Stores.with(settings(), Setting.DOCTOR_FREELIST_MIN_MB, "0"), "freelist");

        assertThat(result.severity()).isEqualTo(Severity.P3);
        assertThat(result.message()).matches("\\d+\\.\\d % of the file's pages \\(0 MiB\\) are free: a VACUUM would "
                + "give them back");
        assertThat((Double) result.evidence().get("freePercent")).isGreaterThanOrEqualTo(25.0);
        assertThat(result.fix().action()).isEqualTo("sqlite3 '" + file() + "' 'VACUUM'");
        assertThat(result.threshold()).isEqualTo("free pages < 25 % or < 0 MiB (STATEKEEPER_DOCTOR_FREELIST_PERCENT=25, "
                + "STATEKEEPER_DOCTOR_FREELIST_MIN_MB=0)");
    }

    @Test
    void aWriteAheadLogThatIsNotCheckpointedIsP2AndTheSafeFixTruncatesIt() throws Exception {
        Stores.init(settings(), clock);
        Settings small = Stores.with(settings(), Setting.DOCTOR_WAL_MAX_MB, "1");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("CREATE TABLE filler (data BLOB)");
            s.execute("INSERT INTO filler SELECT randomblob(65536) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                    + "SELECT i + 1 FROM n WHERE i < 40) SELECT i FROM n)");
            DoctorReport report = Doctor.run(small, clock, Selection.of(List.of("wal-size")));
            CheckResult result = report.check("wal-size").orElseThrow();
            assertThat(result.severity()).isEqualTo(Severity.P2);
            assertThat(result.message()).startsWith("the write-ahead log '" + file() + "-wal' is 2 MiB (over 1 MiB)");
            assertThat(result.fix()).isEqualTo(dev.statekeeper.doctor.Fix.safe("PRAGMA wal_checkpoint(TRUNCATE)",
                    result.fix().undo()));

            List<FixOutcome> fixes = Doctor.fix(small, report);

            assertThat(fixes).singleElement().satisfies(f -> {
                assertThat(f.applied()).isTrue();
                assertThat(f.message()).startsWith("ran on sqlite database '" + file() + "'; it returned busy=0, log=");
            });
            assertThat(Files.size(dir.resolve("state.db-wal"))).isZero();
            assertThat(check(small, "wal-size").status()).isEqualTo(CheckStatus.OK);
        }
    }

    @Test
    void tablesWithoutPlannerStatisticsAreP3AndTheSafeFixAnalyzesThem() throws Exception {
        Stores.workload(settings(), clock, 100);
        Settings low = Stores.with(settings(), Setting.DOCTOR_STATS_MIN_ROWS, "50");
        CheckResult under = check(settings(), "stats-age");
        assertThat(under.status()).as("under the default floor of 1000 rows: " + under.message())
                .isEqualTo(CheckStatus.OK);
        DoctorReport report = Doctor.run(low, clock, Selection.of(List.of("stats-age")));
        CheckResult result = report.check("stats-age").orElseThrow();

        assertThat(result.severity()).isEqualTo(Severity.P3);
        assertThat(result.message()).startsWith("the planner has no statistics (no sqlite_stat1) for ");
        assertThat(result.evidence()).containsEntry("sqliteStat1", "absent");
        @SuppressWarnings("unchecked")
        List<String> tables = (List<String>) result.evidence().get("tables");
        assertThat(tables).containsExactly("critic_feedback", "events", "loop_states");

        assertThat(Doctor.fix(low, report)).singleElement().satisfies(f -> {
            assertThat(f.applied()).as(f.message()).isTrue();
            assertThat(f.action()).isEqualTo("PRAGMA optimize(0x10012)");
        });
        CheckResult after = check(low, "stats-age");
        assertThat(after.status()).isEqualTo(CheckStatus.OK);
        assertThat(after.evidence()).containsEntry("sqliteStat1", "present");
    }

    @Test
    void rowsWithoutTheirParentAreP2() throws Exception {
        Stores.workload(settings(), clock, 5);
        Stores.sql(file(), "INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, "
                + "assessment_summary, detailed_feedback, key_issues, recommendations, assessed_at) VALUES "
                + "('ghost001', 1, 'c', 1, 50, 's', '', '[]', '[]', 0), ('ghost001', 2, 'c', 1, 50, 's', '', '[]', '[]', 0)");

        CheckResult result = check(settings(), "foreign-keys");

        assertFinding(result, Severity.P2, "2 row(s) refer to a parent row that does not exist: critic_feedback -> "
                + "loop_states");
        assertThat(result.evidence()).containsEntry("rows", 2);
        assertThat(result.fix().action()).isEqualTo("statekeeper db verify --repair");
    }

    @Test
    void damagedPagesAreP1() throws Exception {
        try (StateStore store = StateStores.open(settings(), clock)) {
            for (int n = 0; n < 300; n++) {
                String id = String.format("loop%04d", n);
                store.createLoop(new NewLoop("demo", LoopType.SPEC, id));
                store.addFeedback(id, Fixtures.feedback(70), null);
            }
        }
        Stores.sql(file(), "PRAGMA wal_checkpoint(TRUNCATE)");
        Damage.overwriteMiddleLeaf(file(), "critic_feedback");

        CheckResult result = Doctor.run(settings(), clock, Selection.all()).check("integrity").orElseThrow();

        assertThat(result.severity()).isEqualTo(Severity.P1);
        assertThat(result.evidence()).containsEntry("pragma", "quick_check");
        assertThat(result.message()).startsWith("PRAGMA quick_check found ");
        assertThat(result.fix().action()).isEqualTo("statekeeper db recover --backup-first");
    }

    @Test
    void anIndexThatDisagreesWithItsTableIsFoundByTheFullCheckOnly() throws Exception {
        Stores.workload(settings(), clock, 20);
        Damage.swapIndexRoots(file());

        CheckResult quick = Doctor.run(settings(), clock, Selection.all()).check("integrity").orElseThrow();
        CheckResult full = check(settings(), "integrity");

        assertThat(quick.status()).isEqualTo(CheckStatus.OK);
        assertThat(quick.message()).isEqualTo("PRAGMA quick_check found no damage (--check integrity runs the full "
                + "integrity_check, which also compares indexes with their tables)");
        assertThat(full.severity()).isEqualTo(Severity.P1);
        assertThat(full.evidence()).containsEntry("pragma", "integrity_check");
        assertThat(full.message()).startsWith("PRAGMA integrity_check found 4 problem(s) in '" + file() + "': ");
        assertThat(full.evidence().get("first").toString()).contains("idx_loop_states_project");
    }
}
