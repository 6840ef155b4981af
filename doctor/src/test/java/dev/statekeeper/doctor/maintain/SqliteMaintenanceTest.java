package dev.statekeeper.doctor.maintain;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.Stores;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code db maintain} and {@code maintenance-age} on real SQLite files. */
class SqliteMaintenanceTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();

    private Settings settings() {
        return Stores.settings("sqlite", dir);
    }

    private long number(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void loopsThenDeleted(int count) {
        try (StateStore store = StateStores.open(settings(), clock)) {
            for (int n = 0; n < count; n++) {
                store.createLoop(new NewLoop("m", LoopType.SPEC, String.format("loop%04d", n)));
            }
            for (int n = 0; n < count; n++) {
                store.deleteLoop(String.format("loop%04d", n));
            }
            // the history of those writes goes too, else its rows take the pages the loops freed
            clock.advance(java.time.Duration.ofDays(1));
            store.events().prune(java.time.Duration.ofHours(1));
            store.createLoop(new NewLoop("m", LoopType.SPEC, "kept0001"));
        }
    }

    private CheckResult maintenanceAge(Settings settings) {
        return Doctor.run(settings, clock, Selection.of(List.of("maintenance-age"))).check("maintenance-age")
                .orElseThrow();
    }

    @Test
    void aDryRunListsTheStepsAndChangesNothing() throws Exception {
        Stores.init(settings(), clock);
        MaintenanceRun run = Maintenance.run(settings(), clock, true);
        assertThat(run.dryRun()).isTrue();
        assertThat(run.ok()).isTrue();
        assertThat(run.steps()).extracting(s -> s.action() + ": " + s.result()).containsExactly(
                "prune events older than 90d (STATEKEEPER_EVENTS_RETENTION): would run", "PRAGMA optimize: would run", "ANALYZE: would run", "PRAGMA wal_checkpoint(TRUNCATE): would run",
                // a new file has one free page: the write-id index its migration V8 drops
                "VACUUM: skipped: 1.9 % of the pages (0 MiB) are free, under STATEKEEPER_DOCTOR_FREELIST_PERCENT=25 or "
                        + "STATEKEEPER_DOCTOR_FREELIST_MIN_MB=16");
        assertThat(number("SELECT count(*) FROM maintenance_log")).isZero();
        assertThat(number("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'")).as("no ANALYZE").isZero();
    }

    @Test
    void aRunOptimizesChecksPointsVacuumsOverTheFreelistThresholdAndIsLogged() throws Exception {
        loopsThenDeleted(300);
        Settings settings = Stores.with(Stores.with(settings(), Setting.DOCTOR_FREELIST_PERCENT, "1"),
                Setting.DOCTOR_FREELIST_MIN_MB, "0");
        assertThat(number("PRAGMA freelist_count")).isPositive();

        MaintenanceRun run = Maintenance.run(settings, clock, false);

        assertThat(run.result()).isEqualTo("ok");
        assertThat(run.steps()).extracting(MaintenanceRun.Step::action).containsExactly(
                "prune events older than 90d (STATEKEEPER_EVENTS_RETENTION)", "PRAGMA optimize", "ANALYZE",
                "PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM");
        assertThat(run.steps().get(0).result()).isEqualTo("0 events removed");
        assertThat(run.steps().get(3).result()).startsWith("ok: ");
        assertThat(number("PRAGMA freelist_count")).isZero();
        assertThat(number("SELECT count(*) FROM sqlite_stat1")).isPositive();
        assertThat(number("SELECT count(*) FROM maintenance_log WHERE result = 'ok' AND actions = 'prune events older than 90d (STATEKEEPER_EVENTS_RETENTION); "
                + "PRAGMA optimize; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE); VACUUM'")).isEqualTo(1);
        assertThat(MaintenanceLog.activity(settings).lastMaintenance()).contains(run.startedAt().truncatedTo(
                java.time.temporal.ChronoUnit.MICROS));

        MaintenanceRun again = Maintenance.run(settings(), clock, false);
        assertThat(again.steps().get(4).result()).startsWith("skipped: 0.0 % of the pages");
        assertThat(number("SELECT count(*) FROM maintenance_log")).isEqualTo(2);
    }

    @Test
    void maintenanceAgeIsP3WhenLoopsWereWrittenSinceAMaintenanceOlderThanTheThreshold() {
        Stores.init(settings(), clock);
        assertThat(maintenanceAge(settings()).message()).isEqualTo("no loops written yet: nothing to maintain");
        try (StateStore store = StateStores.open(settings(), clock)) {
            store.createLoop(new NewLoop("m", LoopType.SPEC, "first001"));
        }
        clock.advance(Duration.ofDays(8));
        CheckResult never = maintenanceAge(settings());
        assertThat(never.severity()).isEqualTo(Severity.P3);
        assertThat(never.message()).isEqualTo("no maintenance recorded, and the oldest loop is 8 days old");
        assertThat(never.threshold()).isEqualTo("'statekeeper db maintain' within 7 days on a store with writes "
                + "(STATEKEEPER_DOCTOR_MAINTENANCE_AGE=604800)");
        assertThat(never.fix().action()).isEqualTo("statekeeper db maintain");

        Maintenance.run(settings(), clock, false);
        assertThat(maintenanceAge(settings()).message()).isEqualTo("the last maintenance ran 0 min ago");
        clock.advance(Duration.ofDays(8));
        assertThat(maintenanceAge(settings()).status()).as("no writes since").isEqualTo(CheckStatus.OK);
        try (StateStore store = StateStores.open(settings(), clock)) {
            store.createLoop(new NewLoop("m", LoopType.SPEC, "second01"));
        }
        CheckResult stale = maintenanceAge(settings());
        assertThat(stale.severity()).isEqualTo(Severity.P3);
        assertThat(stale.message()).isEqualTo("the last maintenance ran 8 days ago, and loops were written since");
        assertThat(maintenanceAge(Stores.with(settings(), Setting.DOCTOR_MAINTENANCE_AGE, "864000")).status())
                .isEqualTo(CheckStatus.OK);
    }

    @Test
    void hostileTargetsAreRefusedWithTheirReason() throws Exception {
        StatekeeperException missing = catchThrowableOfType(StatekeeperException.class,
                () -> Maintenance.run(settings(), clock, false));
        assertThat(missing.code()).isEqualTo(ErrorCode.CANNOT_OPEN);
        assertThat(missing.getMessage()).isEqualTo("sqlite database '" + dir.resolve("state.db").toAbsolutePath()
                + "' does not exist; create it with 'statekeeper init'");
        assertThat(dir.resolve("state.db")).doesNotExist();

        Files.createDirectory(dir.resolve("state.db"));
        assertThat(catchThrowableOfType(StatekeeperException.class, () -> Maintenance.run(settings(), clock, true))
                .getMessage()).isEqualTo("sqlite database '" + dir.resolve("state.db").toAbsolutePath()
                + "' is not a file; create it with 'statekeeper init'");

        StatekeeperException memory = catchThrowableOfType(StatekeeperException.class,
                () -> Maintenance.run(Stores.settings("memory", dir), clock, false));
        assertThat(memory.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(memory.getMessage()).isEqualTo("the memory backend keeps nothing to maintain: db maintain is for "
                + "the sqlite, postgres and json backends");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("state.db");
        Files.writeString(file, "not a database at all, just text\n".repeat(200));
        byte[] before = Files.readAllBytes(file);
        StatekeeperException e = catchThrowableOfType(StatekeeperException.class,
                () -> Maintenance.run(settings(), clock, true));
        assertThat(e.code()).isEqualTo(ErrorCode.CANNOT_OPEN);
        assertThat(e.getMessage()).startsWith("db maintain cannot use sqlite database '" + file.toAbsolutePath() + "': ");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
