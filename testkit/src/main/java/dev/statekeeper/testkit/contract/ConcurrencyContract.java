package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.Together;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** Several writers at once: no update is lost, and a stale optimistic write is refused, never applied. */
public abstract class ConcurrencyContract extends ContractBase {
    private static final int WRITERS = 4;
    private static final int EACH = 25;

    @Test
    void concurrentFeedbackAppendsAreAllKept() throws Exception {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

        Together.run(WRITERS, w -> {
            for (int i = 0; i < EACH; i++) {
                store.addFeedback(loop.id(), feedback(w + 1, i));
            }
            return null;
        });

        Loop after = store.getLoop(loop.id());
        assertThat(after.feedback()).hasSize(WRITERS * EACH);
        assertThat(after.scoreHistory()).hasSize(WRITERS * EACH);
        assertThat(after.version()).isEqualTo(1 + WRITERS * EACH);
    }

    @Test
    void ofTwoWritersWithTheSameExpectedVersionExactlyOneWins() throws Exception {
        for (int round = 0; round < 10; round++) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

            List<Object> outcomes = Together.run(2, w -> {
                try {
                    return store.addFeedback(loop.id(), feedback(50 + w), 1L);
                } catch (StatekeeperException e) {
                    return e.code();
                }
            });

            assertThat(outcomes).filteredOn(o -> o instanceof LoopSummary).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o == ErrorCode.STALE_VERSION).hasSize(1);
            assertThat(store.getLoop(loop.id()).feedback()).hasSize(1);
        }
    }

    /**
     * An append that names no iteration and a decision that advances the iteration, at once: the entry is at the
     * iteration of whichever ran first (the versions tell the order), and the decision saw the entry iff it came
     * after it.
     */
    @Test
    void anAppendWithoutIterationAndADecisionAreSerialized() throws Exception {
        for (int round = 0; round < 10; round++) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.BUILD_CODE));
            store.addFeedback(loop.id(), feedback(10));

            List<Object> outcomes = Together.run(2, w -> w == 0 ? store.decide(loop.id())
                    : store.addFeedback(loop.id(), feedback(null, 20)));

            Decision decision = (Decision) outcomes.get(0);
            LoopSummary appended = (LoopSummary) outcomes.get(1);
            boolean appendedFirst = appended.version() < decision.version();
            assertThat(decision.iteration()).isEqualTo(2);
            assertThat(decision.score()).isEqualTo(appendedFirst ? 20 : 10);
            assertThat(store.getLoop(loop.id()).feedback().getLast().iteration()).isEqualTo(appendedFirst ? 1 : 2);
        }
    }

    @Test
    void concurrentCreatesGetDistinctIds() throws Exception {
        List<Object> created = Together.run(WRITERS, w -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < EACH; i++) {
                ids.add(store.createLoop(NewLoop.of("p" + w, LoopType.PLAN)).id());
            }
            return ids;
        });

        HashSet<Object> ids = new HashSet<>();
        created.forEach(list -> ids.addAll((List<?>) list));
        assertThat(ids).hasSize(WRITERS * EACH);
        assertThat(store.listLoops(LoopQuery.all()).total()).isEqualTo(WRITERS * EACH);
    }

    @Test
    void concurrentSpecUpdatesEachBecomeARevision() throws Exception {
        store.putSpec("demo", spec("Auth"));

        Together.run(WRITERS, w -> {
            for (int i = 0; i < 5; i++) {
                store.updateSpec("demo", "auth", SpecContent.titled("Auth"), null);
            }
            return null;
        });

        assertThat(store.getSpec("demo", "auth").version()).isEqualTo(1 + WRITERS * 5);
        assertThat(store.specHistory("demo", "auth")).extracting(s -> s.version())
                .doesNotHaveDuplicates().hasSize(1 + WRITERS * 5);
    }
}
