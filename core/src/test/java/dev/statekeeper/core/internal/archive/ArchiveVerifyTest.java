package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveVerifyTest {
    private final MemoryStateStore source = Samples.full();
    private final MemoryStateStore target = Samples.empty();

    @Test
    void aCopyMatchesItsSourceRecordByRecord() {
        ImportResult copied = ArchiveCopy.run(source, target, LoadMode.REPLACE, -1, Progress.NONE);

        assertThat(ArchiveVerify.run(source, target, false, Progress.NONE)).isEqualTo(copied.loaded().total()).isEqualTo(16);
    }

    @Test
    void aDifferenceIsNamedWithTheFieldItIsIn() {
        ArchiveCopy.run(source, target, LoadMode.REPLACE, -1, Progress.NONE);
        String id = source.listLoops(LoopQuery.all()).items().getLast().id();
        target.addFeedback(id, Samples.feedback(1, 90, "later"));
        target.endSession("fix/login");
        target.startSession(NewSession.named("extra"));

        assertThatThrownBy(() -> ArchiveVerify.run(source, target, false, Progress.NONE))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFY_FAILED))
                .hasMessageStartingWith("the target does not match the source: 2 record(s) differ, 0 missing, 1 extra: loop '"
                        + id + "' differs in currentScore: 70 in the source, 90 in the target; "
                        + "session 'fix/login' differs in status: \"active\" in the source, \"ended\" in the target; "
                        + "the target holds 1 record the source does not");
    }

    @Test
    void aMergedTargetMayHoldMoreButNotLess() {
        target.startSession(NewSession.named("extra"));
        ArchiveCopy.run(source, target, LoadMode.MERGE, -1, Progress.NONE);

        assertThat(ArchiveVerify.run(source, target, true, Progress.NONE)).isEqualTo(16);
        source.startSession(NewSession.named("later"));
        assertThatThrownBy(() -> ArchiveVerify.run(source, target, true, Progress.NONE))
                .hasMessage("the target does not match the source: 0 record(s) differ, 1 missing: session 'later' is "
                        + "missing in the target");
    }
}
