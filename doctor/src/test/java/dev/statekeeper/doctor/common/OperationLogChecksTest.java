package dev.statekeeper.doctor.common;

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
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.Stores;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code slow-operations} and {@code error-rate} read the operation log the store keeps: slowness and faults made for
 * real (another connection holding SQLite's write lock), read back by the CLI's doctor over its read-only connection,
 * and by a serving process from its live log.
 */
class OperationLogChecksTest {
    private static final Selection BOTH = Selection.of(List.of("slow-operations", "error-rate"));
    private final TestClock clock = TestClock.frozen();

    @TempDir
    Path dir;

    private Settings settings() {
        Settings settings = Stores.settings("sqlite", dir);
        return settings.toBuilder().set(Setting.SLOW_OPERATION_MS, "20").set(Setting.DOCTOR_OPLOG_MIN_COUNT, "5")
                .set(Setting.SQLITE_BUSY_TIMEOUT, "0.1").set(Setting.RETRY_ATTEMPTS, "1").build();
    }

    @Test
    void writesThatWaitForAnotherWriterAndFailAreASlowP2AndAFaultyP1() throws Exception {
        Settings settings = settings();
        try (StateStore store = StateStores.open(settings, clock)) {
            for (int i = 0; i < 20; i++) {
                store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            }
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
                 Statement sql = other.createStatement()) {
                sql.execute("BEGIN IMMEDIATE");
                for (int i = 0; i < 10; i++) {
                    assertThatThrownBy(() -> store.createLoop(NewLoop.of("demo", LoopType.SPEC)))
                            .isInstanceOfSatisfying(StatekeeperException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_BUSY));
                }
                sql.execute("ROLLBACK");
            }
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> store.getLoop("missing")).isInstanceOf(StatekeeperException.class);
            }
        }

        DoctorReport report = Doctor.run(settings, clock, BOTH);

        CheckResult slow = report.check("slow-operations").orElseThrow();
        assertThat(slow.severity()).as(slow.message()).isEqualTo(Severity.P2);
        assertThat(slow.message()).isEqualTo("1 operation(s) with a p95 over 20 ms in the last hour: createLoop");
        assertThat(slow.threshold()).isEqualTo("p95 over the last hour at most 20 ms (STATEKEEPER_SLOW_OPERATION_MS=20), "
                + "for operations that ran at least 5 times (STATEKEEPER_DOCTOR_OPLOG_MIN_COUNT=5)");
        assertThat(slow.evidence()).containsEntry("operationsJudged", 1L).containsEntry("persistent", true)
                .containsKey("slow");
        assertThat(slow.runbook()).startsWith("'statekeeper perf slow --since 1h' lists the slow calls");
        CheckResult errors = report.check("error-rate").orElseThrow();
        assertThat(errors.severity()).isEqualTo(Severity.P1);
        assertThat(errors.message()).isEqualTo("1 operation(s) failing on the store's side above 5 % in the last "
                + "hour: createLoop");
        assertThat(errors.evidence()).containsEntry("calls", 33L).containsEntry("errors", 13L)
                .containsEntry("faults", 10L)
                .containsEntry("failing", Map.of("createLoop", Map.of("count", 30L, "faults", 10L, "percent", 33.3)));
    }

    @Test
    void theCallersOwnErrorsAreNotTheStoresAndAQuietStoreIsOk() {
        // a threshold no read of a missing loop reaches, even on a loaded machine (20 ms was, once)
        Settings settings = settings().toBuilder().set(Setting.SLOW_OPERATION_MS, "60000").build();
        try (StateStore store = StateStores.open(settings, clock)) {
            for (int i = 0; i < 6; i++) {
                assertThatThrownBy(() -> store.getLoop("missing")).isInstanceOf(StatekeeperException.class);
            }
            store.activeLoops();
        }

        DoctorReport report = Doctor.run(settings, clock, BOTH);

        assertThat(report.check("error-rate").orElseThrow().message())
                .isEqualTo("0 of 7 calls in the last hour failed on the store's side (6 more were the callers' errors)");
        assertThat(report.check("error-rate").orElseThrow().status()).isEqualTo(CheckStatus.OK);
        assertThat(report.check("slow-operations").orElseThrow().message())
                .isEqualTo("every operation's p95 over the last hour is at most 60000 ms");

        clock.advance(Duration.ofHours(2));
        DoctorReport later = Doctor.run(settings, clock, BOTH);

        assertThat(later.check("error-rate").orElseThrow().message()).isEqualTo("no operations in the last hour");
        assertThat(later.check("slow-operations").orElseThrow().message())
                .isEqualTo("no operation ran 5 times in the last hour");
    }

    @Test
    void aMemoryStoreOutsideTheServingProcessHasNoLogToRead() {
        Settings memory = Settings.builder().set(Setting.BACKEND, "memory").build();

        DoctorReport report = Doctor.run(memory, clock, BOTH);

        assertThat(report.check("slow-operations").orElseThrow().skipReason()).isEqualTo("the memory store keeps no "
                + "operation log outside the process that serves it: run the doctor there (GET /api/v1/doctor, "
                + "run_doctor)");
    }

    @Test
    void inTheServingProcessTheLiveLogIsJudgedEvenWhereNothingIsStored() {
        Settings memory = Settings.builder().set(Setting.BACKEND, "memory").set(Setting.DOCTOR_OPLOG_MIN_COUNT, "1")
                .build();
        try (StateStore store = StateStores.open(memory, clock)) {
            store.activeLoops();

            DoctorReport report = Doctor.run(memory, clock, BOTH, store);

            CheckResult errors = report.check("error-rate").orElseThrow();
            assertThat(errors.message()).isEqualTo("0 of 1 calls in the last hour failed on the store's side (0 more "
                    + "were the callers' errors)");
            assertThat(errors.evidence()).containsEntry("persistent", false);
        }
    }
}
