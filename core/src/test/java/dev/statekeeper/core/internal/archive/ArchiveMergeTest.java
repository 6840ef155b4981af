package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveMergeTest {

    @Test
    void aMergeAddsWhatTheStoreLacksAndSkipsWhatItHasIdentical() {
        MemoryStateStore source = Samples.full();
        byte[] export = Samples.export(source);
        MemoryStateStore target = Samples.empty();
        ArchiveImport.run(target, Samples.source(export), LoadMode.REPLACE, Progress.NONE);
        target.startSession(NewSession.named("only-in-target"));
        String newer = target.createLoop(NewLoop.of("target", LoopType.PLAN)).id();
        source.startSession(NewSession.named("only-in-source"));

        ImportResult result = ArchiveImport.run(target, Samples.source(Samples.export(source)), LoadMode.MERGE,
                Progress.NONE);

        assertThat(result.loaded().summary()).containsEntry("sessions", 1L).containsEntry("loops", 0L);
        assertThat(result.skipped().summary()).containsEntry("loops", 4L).containsEntry("sessions", 2L)
                .containsEntry("activeLoops", 3L);
        assertThat(target.getSession("only-in-source").name()).isEqualTo("only-in-source");
        assertThat(target.getSession("only-in-target").name()).isEqualTo("only-in-target");
        assertThat(target.activeLoops()).extracting(LoopSummary::id).first().isEqualTo(newer);
    }

    @Test
    void newActiveLoopEntriesBecomeTheNewestAndTheHistoryKeepsItsSize() {
        MemoryStateStore source = Samples.empty();
        String a = source.createLoop(NewLoop.of("s", LoopType.SPEC)).id();
        String b = source.createLoop(NewLoop.of("s", LoopType.SPEC)).id();
        MemoryStateStore target = Samples.empty();
        String c = target.createLoop(NewLoop.of("t", LoopType.SPEC)).id();
        String d = target.createLoop(NewLoop.of("t", LoopType.SPEC)).id();

        ArchiveImport.run(target, Samples.source(Samples.export(source)), LoadMode.MERGE, Progress.NONE);

        assertThat(target.activeLoops()).extracting(LoopSummary::id).containsExactly(b, a, d);
        assertThat(target.info().counts()).containsEntry("loops", 4L);
        assertThat(c).isNotNull();
    }

    @Test
    void aMergeNeverOverwritesARecordTheStoreHasWithOtherContentAndThenWritesNothing() {
        MemoryStateStore source = Samples.full();
        MemoryStateStore target = Samples.empty();
        ArchiveImport.run(target, Samples.source(Samples.export(source)), LoadMode.REPLACE, Progress.NONE);
        String id = source.listLoops(dev.statekeeper.core.domain.LoopQuery.all()).items().getLast().id();
        source.addFeedback(id, Samples.feedback(1, 99, "more"));
        source.startSession(NewSession.named("new-one"));
        byte[] before = Samples.export(target);

        assertThatThrownBy(() -> ArchiveImport.run(target, Samples.source(Samples.export(source)), LoadMode.MERGE,
                Progress.NONE))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessage("invalid export file 'test.jsonl' (1 problem, nothing was imported): line 2: id = '" + id
                        + "': the store has loop '" + id + "' with other content, and a merge never overwrites a record");
        assertThat(Samples.export(target)).isEqualTo(before);
    }

    @Test
    void referencesMayNameRecordsTheStoreHasWhenMerging() {
        MemoryStateStore target = Samples.empty();
        String id = target.createLoop(NewLoop.of("t", LoopType.SPEC)).id();
        byte[] export = Samples.exportOf("{\"kind\":\"objective\",\"loopId\":\"" + id + "\",\"text\":\"do it\"}");

        assertThatThrownBy(() -> ArchiveImport.run(Samples.empty(), Samples.source(export), LoadMode.MERGE, Progress.NONE))
                .hasMessage("invalid export file 'test.jsonl' (1 problem, nothing was imported): line 2: loopId = '" + id
                        + "': names no loop of the export or the store");
        ArchiveImport.run(target, Samples.source(export), LoadMode.MERGE, Progress.NONE);

        assertThat(target.getObjectiveFeedback(id)).isEqualTo("do it");
    }
}
