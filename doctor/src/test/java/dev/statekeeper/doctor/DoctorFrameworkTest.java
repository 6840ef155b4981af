package dev.statekeeper.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static dev.statekeeper.doctor.FakeBackend.expensive;
import static dev.statekeeper.doctor.FakeBackend.finding;
import static dev.statekeeper.doctor.FakeBackend.offline;
import static dev.statekeeper.doctor.FakeBackend.passing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The framework with a backend of the tests: statuses, failures, time limits, selection, the report. */
class DoctorFrameworkTest {
    private static final String TIMED_OUT = "the check did not finish within 0.5 s (STATEKEEPER_DOCTOR_CHECK_TIMEOUT "
            + "or what was left of STATEKEEPER_DOCTOR_BUDGET) and was stopped";
    private final TestClock clock = TestClock.frozen();
    /**
     * The memory backend's settings: the common checks skip themselves, as it keeps nothing on disk. Checks get 30 s,
     * so a loaded machine never times out one that should pass; the tests of the timeout shorten it.
     */
    private final Settings settings = Settings.builder().set(Setting.BACKEND, "memory")
            .set(Setting.DOCTOR_CHECK_TIMEOUT, "30").build();
    private final Settings shortTimeout = settings.toBuilder().set(Setting.DOCTOR_CHECK_TIMEOUT, "0.5").build();
    private static final Set<String> COMMON = Set.of("migrations", "backup-age", "backup-integrity",
            "maintenance-age", "slow-operations", "error-rate");

    private DoctorReport run(FakeBackend backend, Selection selection) {
        return Doctor.run(backend, settings, clock, selection);
    }

    /** The backend's checks and how each ended (the common ones left out). */
    private static List<String> statuses(DoctorReport report) {
        return report.checks().stream().filter(c -> !COMMON.contains(c.id()))
                .map(c -> c.id() + "=" + c.status().wire()).toList();
    }

    @Test
    void aCheckThatThrowsIsAnErrorWithTheReasonAndTheOthersStillRun() {
        FakeBackend backend = new FakeBackend(null, List.of(FakeBackend.throwing("a"), passing("b")));

        DoctorReport report = run(backend, Selection.all());

        assertThat(statuses(report)).containsExactly("connection=ok", "a=error", "b=ok");
        assertThat(report.check("a").orElseThrow().message()).isEqualTo("the check failed: IllegalStateException: boom");
        assertThat(report.check("a").orElseThrow().severity()).isNull();
        assertThat(report.summary()).as("the common checks skip a memory store").isEqualTo(new Summary(0, 0, 0, 0, 2, 6, 1));
        assertThat(backend.handle.closed).hasValue(1);
    }

    @Test
    void aCheckThatRunsOverItsTimeIsStoppedAndReportedAsAnError() {
        FakeBackend backend = new FakeBackend(null, List.of(FakeBackend.waiting("slow"), passing("next")));

        DoctorReport report = Doctor.run(backend, shortTimeout, clock, Selection.all());

        assertThat(statuses(report)).containsExactly("connection=ok", "slow=error", "next=ok");
        assertThat(report.check("slow").orElseThrow().message()).isEqualTo(TIMED_OUT);
        assertThat(backend.handle.interrupted).isTrue();
    }

    @Test
    void aCheckThatIgnoresBeingStoppedKeepsTheConnectionSoLaterOnesAreSkippedNotQueued() {
        CountDownLatch release = new CountDownLatch(1);
        FakeBackend backend = new FakeBackend(null, List.of(FakeBackend.stubborn("stuck", release), passing("needs"),
                offline("files")));
        try {
            DoctorReport report = Doctor.run(backend, shortTimeout, clock, Selection.all());

            assertThat(statuses(report)).containsExactly("connection=ok", "stuck=error", "needs=skipped", "files=ok");
            assertThat(report.check("needs").orElseThrow().skipReason())
                    .isEqualTo("the check 'stuck' still holds the doctor's connection after it was stopped");
        } finally {
            release.countDown();
        }
    }

    @Test
    void whenTheBudgetIsSpentTheRemainingChecksAreSkipped() {
        Settings budget = settings.toBuilder().set(Setting.DOCTOR_CHECK_TIMEOUT, "600").set(Setting.DOCTOR_BUDGET, "1")
                .build();
        FakeBackend backend = new FakeBackend(null, List.of(FakeBackend.waiting("slow"), passing("late")));

        DoctorReport report = Doctor.run(backend, budget, clock, Selection.all());

        assertThat(statuses(report)).containsExactly("connection=ok", "slow=error", "late=skipped");
        assertThat(report.check("late").orElseThrow().skipReason())
                .isEqualTo("the doctor's time ran out before this check (STATEKEEPER_DOCTOR_BUDGET=1)");
    }

    @Test
    void aStoreThatCannotBeReachedIsAP0ConnectionFindingAndOnlyChecksWithoutItRun() {
        FakeBackend backend = new FakeBackend(FakeBackend.down(), List.of(passing("needs"), offline("files")));

        DoctorReport report = run(backend, Selection.all());

        assertThat(report.reachable()).isFalse();
        assertThat(statuses(report)).containsExactly("connection=finding", "needs=skipped", "files=ok");
        CheckResult connection = report.check("connection").orElseThrow();
        assertThat(connection.severity()).isEqualTo(Severity.P0);
        assertThat(connection.message()).isEqualTo("fake store at nowhere:1 refused the connection");
        assertThat(connection.evidence()).containsEntry("error", "backend-unavailable");
        assertThat(connection.runbook()).isEqualTo("start it; " + ErrorCode.BACKEND_UNAVAILABLE.fix());
        assertThat(report.check("needs").orElseThrow().skipReason())
                .isEqualTo("the store could not be used (see the connection check)");
    }

    @Test
    void aStoreReachedButUnusableIsReachable() {
        FakeBackend backend = new FakeBackend(new StatekeeperException(ErrorCode.CORRUPT, "not a database"), List.of());

        DoctorReport report = run(backend, Selection.all());

        assertThat(report.reachable()).isTrue();
        assertThat(report.check("connection").orElseThrow().severity()).isEqualTo(Severity.P0);
        assertThat(report.check("connection").orElseThrow().runbook()).isEqualTo("start it; " + ErrorCode.CORRUPT.fix());
    }

    @Test
    void healthcheckRunsTheCheapChecksAndCheckIdsRunThoseNamedAfterTheConnection() {
        FakeBackend backend = new FakeBackend(null, List.of(passing("a"), expensive("scan"), passing("c")));

        assertThat(statuses(run(backend, Selection.cheap()))).containsExactly("connection=ok", "a=ok", "c=ok");
        assertThat(statuses(run(backend, Selection.of(List.of("scan"))))).containsExactly("connection=ok", "scan=ok");
    }

    @Test
    void unknownCheckIdsAreAUsageErrorThatListsTheBackendsChecks() {
        FakeBackend backend = new FakeBackend(null, List.of(passing("a"), passing("b")));

        assertThatThrownBy(() -> run(backend, Selection.of(List.of("nope", "a", "Zzz"))))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                .hasMessage("unknown checks 'Zzz', 'nope' for the fake backend; its checks are: connection, a, b, "
                        + "migrations, backup-age, backup-integrity, maintenance-age, slow-operations, error-rate");
    }

    @Test
    void twoChecksWithOneIdAreRefusedNamingBoth() {
        FakeBackend backend = new FakeBackend(null, List.of(passing("a"), expensive("a")));

        assertThatThrownBy(() -> run(backend, Selection.all())).isInstanceOf(IllegalStateException.class)
                .hasMessage("two doctor checks of the fake backend have the id 'a': " + FakeBackend.Fake.class.getName()
                        + " and " + FakeBackend.Fake.class.getName());
        assertThatThrownBy(() -> run(new FakeBackend(null, List.of(passing("connection"))), Selection.all()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("two doctor checks of the fake backend have the id 'connection': " + FakeBackend.class.getName()
                        + " and " + FakeBackend.Fake.class.getName());
    }

    @Test
    void theReportHasTheStableJsonKeysAndFindingsSortWorstFirst() throws Exception {
        FakeBackend backend = new FakeBackend(null, List.of(finding("minor", Severity.P3), finding("bad", Severity.P1),
                FakeBackend.throwing("broken")));

        DoctorReport report = run(backend, Selection.of(List.of("minor", "bad", "broken")));
        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(fields(json)).containsExactly("backend", "target", "startedAt", "durationMs", "summary", "checks");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.get("summary").toString()).isEqualTo("{\"P0\":0,\"P1\":1,\"P2\":0,\"P3\":1,\"ok\":1,"
                + "\"skipped\":0,\"error\":1}");
        JsonNode bad = json.get("checks").get(2);
        assertThat(fields(bad)).containsExactly("id", "title", "status", "severity", "evidence", "threshold", "message",
                "runbook", "fix", "skipReason");
        assertThat(bad.get("severity").asText()).isEqualTo("P1");
        assertThat(bad.get("evidence").toString()).isEqualTo("{\"n\":1}");
        assertThat(bad.get("fix").isNull()).isTrue();
        assertThat(report.atLeast(Severity.P3).stream().map(CheckResult::id)).containsExactly("bad", "minor");
        assertThat(report.worst().orElseThrow().id()).isEqualTo("bad");
        assertThat(report.summary().line()).isEqualTo("1 P1, 1 P3, 1 ok, 1 error");
        assertThat(report.target()).isEqualTo("in-process memory");
    }

    @Test
    void aFixSerializesItsActionAsDo() throws Exception {
        JsonNode json = new ObjectMapper().readTree(DoctorJson.pretty(Fix.safe("PRAGMA optimize", "nothing")));

        assertThat(json.toString()).isEqualTo("{\"safe\":true,\"do\":\"PRAGMA optimize\",\"undo\":\"nothing\"}");
    }

    @Test
    void severitiesCompareByBadnessAndParseInAnyCase() {
        assertThat(Severity.P0.atLeast(Severity.P1)).isTrue();
        assertThat(Severity.P2.atLeast(Severity.P1)).isFalse();
        assertThat(Severity.parse("p2")).contains(Severity.P2);
        assertThat(Severity.parse("P9")).isEmpty();
        assertThat(Severity.P1.responseTime()).isEqualTo("< 15 min");
        assertThat(Set.of(Severity.values())).hasSize(4);
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
