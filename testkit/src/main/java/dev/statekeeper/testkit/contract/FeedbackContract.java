package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.api.StateStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/** Critic feedback and the loop's decision of its next action. */
public abstract class FeedbackContract extends ContractBase {

    @Test
    void appendingFeedbackUpdatesScoreHistoryStatusAndVersion() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

        LoopSummary after = store.addFeedback(loop.id(), feedback(1, 40));
        LoopSummary again = store.addFeedback(loop.id(), feedback(1, 65));

        assertThat(after.status()).isEqualTo(LoopStatus.IN_PROGRESS);
        assertThat(after.version()).isEqualTo(2);
        assertThat(again.currentScore()).isEqualTo(65);
        assertThat(again.feedbackCount()).isEqualTo(2);
        assertThat(again.version()).isEqualTo(3);
        assertThat(again.updatedAt()).isAfter(loop.updatedAt());
        Loop read = store.getLoop(loop.id());
        assertThat(read.summary()).isEqualTo(again);
        assertThat(read.scoreHistory()).containsExactly(40, 65);
        assertThat(read.feedback()).extracting(CriticFeedback::overallScore).containsExactly(40, 65);
    }

    @Test
    void feedbackRoundTripsEveryFieldAndIsStampedWhenUntimed() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        CriticFeedback timed = CriticFeedback.builder().criticAgent("analyst-critic").iteration(2).overallScore(77)
                .assessmentSummary("summary").detailedFeedback("long details\nline 2").keyIssues(List.of("a", "b"))
                .recommendations(List.of("r1")).timestamp(Instant.parse("2025-05-05T10:00:00.123456789Z")).build();

        store.addFeedback(loop.id(), timed);
        LoopSummary after = store.addFeedback(loop.id(), feedback(81));

        List<CriticFeedback> stored = store.getLoop(loop.id()).feedback();
        assertThat(stored.getFirst()).isEqualTo(timed.stored(2, Instant.parse("2025-05-05T10:00:00.123456Z")));
        assertThat(stored.get(1).timestamp()).isEqualTo(after.updatedAt());
    }

    @Test
    void refusesAScoreAboveOneHundredAndWritesNothing() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

        var e = failure(ErrorCode.VALIDATION_FAILED, "invalid feedback: overallScore = 101: must be between 0 and 100",
                () -> store.addFeedback(loop.id(), feedback(101)));

        assertThat(e.violations()).containsExactly(new Violation("overallScore", 101L, "must be between 0 and 100"));
        assertThat(store.getLoop(loop.id())).isEqualTo(loop);
    }

    @Test
    void reportsEveryViolationOfOneFeedbackTogether() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        CriticFeedback bad = CriticFeedback.builder().criticAgent("").iteration(0).overallScore(-1).build();

        failure(ErrorCode.VALIDATION_FAILED, "invalid feedback (4 problems): criticAgent = '': is required; "
                        + "iteration = 0: must be >= 1; overallScore = -1: must be between 0 and 100; "
                        + "assessmentSummary = (missing): is required",
                () -> store.addFeedback(loop.id(), bad));
        assertThat(store.getLoop(loop.id()).feedback()).isEmpty();
    }

    @Test
    void refusesNulCharactersMissingListItemsAndImpossibleTimestamps() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        CriticFeedback bad = CriticFeedback.builder().criticAgent("\u0000critic").iteration(1).overallScore(50)
                .assessmentSummary("summary").keyIssues(java.util.Arrays.asList("fine", null))
                .recommendations(List.of("x\u0000")).timestamp(Instant.parse("+10000-01-01T00:00:00Z")).build();

        failure(ErrorCode.VALIDATION_FAILED, "invalid feedback (4 problems): "
                        + "criticAgent = '\uFFFDcritic': must not contain NUL (\\u0000) characters; "
                        + "keyIssues[1] = (missing): is required; "
                        + "recommendations[0] = 'x\uFFFD': must not contain NUL (\\u0000) characters; "
                        + "timestamp = +10000-01-01T00:00:00Z: must be between 0001-01-01T00:00:00Z and "
                        + "9999-12-31T23:59:59.999999Z",
                () -> store.addFeedback(loop.id(), bad));
        assertThat(store.getLoop(loop.id()).feedback()).isEmpty();
    }

    @Test
    void refusesLoneSurrogatesWhichEveryBackendWouldStoreAsAQuestionMark() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        CriticFeedback bad = CriticFeedback.builder().criticAgent("critic").iteration(1).overallScore(50)
                .assessmentSummary("Sur\ud800x").keyIssues(List.of("\udc00"))
                .recommendations(List.of("paired \ud83d\udc4d is fine")).build();

        failure(ErrorCode.VALIDATION_FAILED, "invalid feedback (2 problems): "
                        + "assessmentSummary = 'Sur\uFFFDx': must be valid Unicode: a lone surrogate (\\ud800) at "
                        + "character 3 (a backend would store it as '?'); "
                        + "keyIssues[0] = '\uFFFD': must be valid Unicode: a lone surrogate (\\udc00) at character 0 "
                        + "(a backend would store it as '?')",
                () -> store.addFeedback(loop.id(), bad));
        failure(ErrorCode.VALIDATION_FAILED, "invalid loop: project = 'a\uFFFD': must be valid Unicode: a lone "
                        + "surrogate (\\udbff) at character 1 (a backend would store it as '?')",
                () -> store.createLoop(NewLoop.of("a\udbff", LoopType.SPEC)));
        assertThat(store.getLoop(loop.id()).feedback()).isEmpty();
    }

    @Test
    void feedbackWithoutAnOverallScoreIsRefused() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        CriticFeedback unscored = CriticFeedback.builder().criticAgent("critic").iteration(1)
                .assessmentSummary("summary").build();

        var e = failure(ErrorCode.VALIDATION_FAILED, "invalid feedback: overallScore = (missing): is required",
                () -> store.addFeedback(loop.id(), unscored));

        assertThat(e.violations()).containsExactly(new Violation("overallScore", null, "is required"));
        assertThat(store.getLoop(loop.id())).isEqualTo(loop);
    }

    @Test
    void feedbackWithoutAnIterationIsRecordedAtTheLoopsCurrentIteration() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.BUILD_CODE));

        store.addFeedback(loop.id(), feedback(null, 40));
        store.decide(loop.id());
        store.addFeedback(loop.id(), feedback(null, 60));
        store.addFeedback(loop.id(), feedback(1, 61));

        assertThat(store.getLoop(loop.id()).feedback()).extracting(CriticFeedback::iteration).containsExactly(1, 2, 1);
    }

    @Test
    void aCompletedLoopRefusesFeedbackAndDecisionsAndKeepsItsScore() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.BUILD_CODE));
        store.addFeedback(loop.id(), feedback(96));
        store.decide(loop.id());
        Loop completed = store.getLoop(loop.id());

        failure(ErrorCode.LOOP_COMPLETED, "loop '" + loop.id() + "' is completed (score 96 at iteration 1), so it "
                + "takes no more feedback", () -> store.addFeedback(loop.id(), feedback(50)));
        failure(ErrorCode.LOOP_COMPLETED, "loop '" + loop.id() + "' is completed (score 96 at iteration 1), so it "
                + "takes no more decisions", () -> store.decide(loop.id()));
        failure(ErrorCode.LOOP_COMPLETED, "loop '" + loop.id() + "' is completed (score 96 at iteration 1), so it "
                + "takes no more feedback", () -> store.addFeedback(loop.id(), feedback(50), 1L));

        assertThat(store.getLoop(loop.id())).isEqualTo(completed);
        assertThat(completed.status()).isEqualTo(LoopStatus.COMPLETED);
        assertThat(completed.currentScore()).isEqualTo(96);
    }

    @Test
    void acceptsTheBoundaryScores() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

        store.addFeedback(loop.id(), feedback(0));
        store.addFeedback(loop.id(), feedback(100));

        assertThat(store.getLoop(loop.id()).scoreHistory()).containsExactly(0, 100);
    }

    @Test
    void feedbackForAnUnknownLoopIsNotFound() {
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'nope1234' not found", () -> store.addFeedback("nope1234", feedback(50)));
    }

    @Test
    void aStaleExpectedVersionIsRefusedAndNothingIsWritten() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.addFeedback(loop.id(), feedback(50), 1L);

        failure(ErrorCode.STALE_VERSION, "loop '" + loop.id() + "' is at version 2, not 1",
                () -> store.addFeedback(loop.id(), feedback(60), 1L));
        failure(ErrorCode.STALE_VERSION, "loop '" + loop.id() + "' is at version 2, not 1", () -> store.decide(loop.id(), 1L));
        assertThat(store.getLoop(loop.id()).scoreHistory()).containsExactly(50);
    }

    @Test
    void decidingWithoutFeedbackIsRefused() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

        failure(ErrorCode.NO_FEEDBACK, "loop '" + loop.id() + "' has no critic feedback yet, so there is nothing to decide on",
                () -> store.decide(loop.id()));
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'nope1234' not found", () -> store.decide("nope1234"));
    }

    @Test
    void completesWhenTheScoreReachesTheTypesThreshold() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.addFeedback(loop.id(), feedback(85));

        Decision decision = store.decide(loop.id());

        assertThat(decision).isEqualTo(new Decision(loop.id(), LoopStatus.COMPLETED, 1, 85, 85,
                "score 85 reached the spec threshold 85", 3));
        Loop after = store.getLoop(loop.id());
        assertThat(after.status()).isEqualTo(LoopStatus.COMPLETED);
        assertThat(after.version()).isEqualTo(3);
    }

    @Test
    void refinesBelowTheThresholdAndAdvancesTheIteration() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.BUILD_CODE));
        store.addFeedback(loop.id(), feedback(60));

        Decision decision = store.decide(loop.id());

        assertThat(decision.status()).isEqualTo(LoopStatus.REFINE);
        assertThat(decision.iteration()).isEqualTo(2);
        assertThat(decision.threshold()).isEqualTo(95);
        assertThat(decision.reason()).isEqualTo("score 60 is below the build_code threshold 95");
        assertThat(store.getLoop(loop.id()).iteration()).isEqualTo(2);
        assertThat(store.getLoop(loop.id()).status()).isEqualTo(LoopStatus.REFINE);
    }

    @Test
    void asksForUserInputOnStagnation() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.PLAN));
        store.addFeedback(loop.id(), feedback(1, 60));
        store.decide(loop.id());
        store.addFeedback(loop.id(), feedback(2, 63));

        Decision decision = store.decide(loop.id());

        assertThat(decision.status()).isEqualTo(LoopStatus.USER_INPUT);
        assertThat(decision.reason()).isEqualTo("stagnation: score 63 improved by less than 5 on 60");
        assertThat(decision.iteration()).isEqualTo(3);
    }

    @Test
    void asksForUserInputAtACheckpointIteration() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.PLAN));
        for (int i = 1; i <= 4; i++) {
            store.addFeedback(loop.id(), feedback(i, 10 * i));
            assertThat(store.decide(loop.id()).status()).isEqualTo(LoopStatus.REFINE);
        }
        store.addFeedback(loop.id(), feedback(5, 70));

        Decision decision = store.decide(loop.id());

        assertThat(decision.status()).isEqualTo(LoopStatus.USER_INPUT);
        assertThat(decision.reason()).isEqualTo("iteration 5 is a checkpoint (every 5 iterations)");
        assertThat(decision.iteration()).isEqualTo(6);
    }

    @Test
    void thresholdsComeFromTheSettings() {
        Settings lenient = settings().toBuilder().set(Setting.THRESHOLD_SPEC, "50").build();
        StateStore custom = open(lenient);
        Loop loop = custom.createLoop(NewLoop.of("demo", LoopType.SPEC));
        custom.addFeedback(loop.id(), feedback(55));

        assertThat(custom.decide(loop.id()).status()).isEqualTo(LoopStatus.COMPLETED);
    }
}
