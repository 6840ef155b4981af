package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.DoctorRuns;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.testkit.postgres.HeldPool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code pool-usage} on a real store whose pool real callers fill: reads of a table another session has locked hold
 * the pool's connections (a stuck database, a long transaction), and callers beyond its maximum wait for one.
 */
class PostgresPoolUsageTest {
    private static final Selection POOL = Selection.of(List.of("pool-usage"));
    private static final String RUNBOOK_START = "find what holds the connections: a long transaction, or a statement "
            + "waiting for a lock, keeps its connection until it ends";

    private static CheckResult poolUsage(Settings settings, StateStore store) {
        DoctorReport report = Doctor.run(settings, PgDatabases.CLOCK, POOL, store);
        assertThat(report.checks().stream().map(CheckResult::id)).containsExactly("connection", "pool-usage");
        return report.check("pool-usage").orElseThrow();
    }

    @Test
    void aPoolAtItsHighWaterMarkIsP2AndCallersWaitingForOneP1() throws Exception {
        String database = PgDatabases.fresh();
        Settings settings = PgDatabases.with(PgDatabases.settings(database), Setting.POOL_MAX_SIZE, 5);
        try (StateStore store = StateStores.open(settings, PgDatabases.CLOCK)) {
            store.activeLoops();
            PgDatabases.assertOk(poolUsage(settings, store),
                    "0 of 5 connections of the pool in use (0.0 %), none waiting for one");

            try (HeldPool held = HeldPool.hold(store, PgDatabases.server().connect(database), 4)) {
                CheckResult high = poolUsage(settings, store);
                assertThat(held.filled().active()).isEqualTo(4);

                PgDatabases.assertFinding(high, Severity.P2, "4 of 5 connections of the pool in use (80.0 %), "
                        + "none waiting for one: the pool is nearly exhausted");
                assertThat(high.evidence().keySet()).containsExactly("active", "idle", "waiting", "max", "percent");
                assertThat(high.evidence()).containsEntry("active", 4).containsEntry("waiting", 0)
                        .containsEntry("max", 5).containsEntry("percent", 80.0);
                assertThat((Integer) high.evidence().get("idle")).isBetween(0, 1);
                assertThat(high.threshold()).isEqualTo("connections in use < 80 % of the pool's maximum "
                        + "(STATEKEEPER_DOCTOR_POOL_PERCENT=80; P1 from 100 %, "
                        + "STATEKEEPER_DOCTOR_POOL_CRITICAL_PERCENT=100, or when a caller waits)");
                assertThat(high.runbook()).startsWith(RUNBOOK_START).contains("raise DATABASE_POOL_MAX_SIZE (the "
                        + "pool's maximum now: 5, at most 100)", "DATABASE_POOL_TIMEOUT=30.0 s");
                assertThat(high.fix()).isNull();
            }

            try (HeldPool held = HeldPool.hold(store, PgDatabases.server().connect(database), 7)) {
                CheckResult exhausted = poolUsage(settings, store);
                assertThat(held.filled().waiting()).isEqualTo(2);

                PgDatabases.assertFinding(exhausted, Severity.P1, "5 of 5 connections of the pool in use (100.0 %), "
                        + "2 callers waiting for one: each waits up to 30.0 s (DATABASE_POOL_TIMEOUT), "
                        + "then fails");
                assertThat(exhausted.evidence()).containsEntry("waiting", 2).containsEntry("percent", 100.0);
            }

            CheckResult after = poolUsage(settings, store);
            assertThat(after.status()).as(after.message()).isEqualTo(CheckStatus.OK);
            assertThat(after.evidence()).containsEntry("active", 0).containsEntry("waiting", 0);
        }
    }

    @Test
    void everyConnectionLentOutIsP1EvenBeforeAnyoneWaitsAndTheSettingsMoveTheLines() throws Exception {
        String database = PgDatabases.fresh();
        Settings settings = PgDatabases.settings(database); // a pool of 2
        try (StateStore store = StateStores.open(settings, PgDatabases.CLOCK);
             HeldPool held = HeldPool.hold(store, PgDatabases.server().connect(database), 2)) {
            assertThat(held.filled().waiting()).isZero();
            PgDatabases.assertFinding(poolUsage(settings, store), Severity.P1, "2 of 2 connections of the pool in use "
                    + "(100.0 %), none waiting for one: the pool is exhausted, the next caller waits");

            Settings relaxed = PgDatabases.with(settings, Setting.DOCTOR_POOL_PERCENT, 100,
                    Setting.DOCTOR_POOL_CRITICAL_PERCENT, 100);
            Settings strict = PgDatabases.with(settings, Setting.DOCTOR_POOL_PERCENT, 40,
                    Setting.DOCTOR_POOL_CRITICAL_PERCENT, 90);
            assertThat(poolUsage(relaxed, store).severity()).isEqualTo(Severity.P1);
            assertThat(poolUsage(strict, store).message()).endsWith(": the pool is exhausted, the next caller waits");
        }
    }

    @Test
    void theCheckIsSkippedOutsideTheServingProcessAndForAStoreWithoutPoolCounts() {
        String database = PgDatabases.fresh();
        Settings settings = PgDatabases.settings(database);

        CheckResult cli = PgDatabases.check(settings, "pool-usage");

        assertThat(cli.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(cli.skipReason()).isEqualTo("only the process that serves the store knows how its pool fares "
                + "(this command's own pool is new and idle): run it there, GET /api/v1/doctor?check=pool-usage on "
                + "the running 'statekeeper serve', or the MCP tool run_doctor");
        assertThat(cli.evidence()).isEmpty();

        try (StateStore memory = StateStores.open(Settings.builder().set(Setting.BACKEND, "memory").build(),
                PgDatabases.CLOCK)) {
            CheckResult none = poolUsage(settings, memory);
            assertThat(none.status()).isEqualTo(CheckStatus.SKIPPED);
            assertThat(none.skipReason()).isEqualTo("the postgres store reports no pool counts (no pool, or an "
                    + "application's DataSource that does not say)");
        }
    }

    @Test
    void thresholdsOutOfRangeOrNotNumbersAreRefusedNamingTheSetting() {
        Settings settings = PgDatabases.settings("unused");
        for (Setting setting : List.of(Setting.DOCTOR_POOL_PERCENT, Setting.DOCTOR_POOL_CRITICAL_PERCENT)) {
            for (String bad : List.of("0", "101", "-5", "eighty", "8\u00070", "9".repeat(5000))) {
                assertThat(catchThrowable(() -> PgDatabases.with(settings, setting, bad)))
                        .as(setting + " = " + bad.length() + " chars").isInstanceOfSatisfying(StatekeeperException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                        .hasMessageStartingWith("invalid settings: " + setting.variable() + " = '")
                        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
            }
        }
        assertThatThrownBy(() -> PgDatabases.with(settings, Setting.DOCTOR_POOL_CRITICAL_PERCENT, 0))
                .hasMessage("invalid settings: STATEKEEPER_DOCTOR_POOL_CRITICAL_PERCENT = '0': must be between 1 and "
                        + "100 (set explicitly)");
    }

    @Test
    void doctorRunsOfTheServingProcessJudgeItsPool() throws Exception {
        String database = PgDatabases.fresh();
        Settings settings = PgDatabases.settings(database);
        try (StateStore store = StateStores.open(settings, PgDatabases.CLOCK)) {
            DoctorRuns runs = DoctorRuns.serving(settings, PgDatabases.CLOCK, store);
            try (HeldPool held = HeldPool.hold(store, PgDatabases.server().connect(database), 3)) {
                CheckResult result = runs.run(POOL).check("pool-usage").orElseThrow();
                assertThat(held.filled().max()).isEqualTo(2);

                PgDatabases.assertFinding(result, Severity.P1, "2 of 2 connections of the pool in use (100.0 %), "
                        + "1 caller waiting for one: each waits up to 30.0 s (DATABASE_POOL_TIMEOUT), then fails");
                assertThat(result.evidence()).containsEntry("active", 2).containsEntry("waiting", 1);
            }
            assertThat(runs.run(Selection.cheap()).check("pool-usage").orElseThrow().status())
                    .isEqualTo(CheckStatus.OK);
        }
    }
}
