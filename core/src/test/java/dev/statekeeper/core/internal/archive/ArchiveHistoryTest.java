package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.EventRecord;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.RecordKind;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The change history in exports (format version 2): export, replace, merge, version 1, hostile event lines. */
class ArchiveHistoryTest {
    private static final String T = "\"time\":\"2026-01-01T00:00:00Z\"";

    private static List<StoreEvent> events(MemoryStateStore store) {
        return store.events().read(EventQuery.all().withLimit(EventQuery.MAX_LIMIT)).events();
    }

    private static String event(long sequence, String rest) {
        return "{\"kind\":\"event\",\"sequence\":" + sequence + "," + T + ",\"operation\":\"loop.created\","
                + "\"entityId\":\"ab12cd34\",\"project\":\"demo\",\"version\":1,\"actor\":\"ann\",\"via\":\"cli\","
                + "\"requestId\":null,\"requestKey\":null,\"summary\":{\"status\":\"initialized\"}" + rest + "}";
    }

    @Test
    void aReplaceTakesTheExportedHistoryWithItsLastSequenceAndTheNextWriteNumbersOn() {
        MemoryStateStore source = Samples.full();
        MemoryStateStore target = Samples.empty();
        target.createLoop(NewLoop.of("mine", LoopType.SPEC));
        target.createLoop(NewLoop.of("mine", LoopType.SPEC));

        ImportResult result = ArchiveImport.run(target, Samples.source(Samples.export(source)), LoadMode.REPLACE,
                Progress.NONE);

        assertThat(result.loaded().events()).isEqualTo(19);
        assertThat(result.loaded().total()).isEqualTo(16);
        assertThat(events(target)).isEqualTo(events(source)).hasSize(19);
        assertThat(target.events().lastSequence()).isEqualTo(19);
        target.createLoop(NewLoop.of("demo", LoopType.PLAN));
        assertThat(events(target).getLast().sequence()).isEqualTo(20);
        assertThat(events(target).getLast().change()).isEqualTo(Change.LOOP_CREATED);
    }

    @Test
    void prunedEventsLeaveTheirNumbersUsedInTheCopy() {
        MemoryStateStore source = Samples.full();
        source.events().prune(Duration.ofDays(-1)); // every event is older than tomorrow
        assertThat(events(source)).isEmpty();
        MemoryStateStore target = Samples.empty();

        ArchiveImport.run(target, Samples.source(Samples.export(source)), LoadMode.REPLACE, Progress.NONE);

        assertThat(Samples.text(Samples.export(source))).contains("{\"kind\":\"eventSequence\",\"lastSequence\":19}\n");
        assertThat(target.events().lastSequence()).isEqualTo(19);
        target.createLoop(NewLoop.of("demo", LoopType.PLAN));
        assertThat(events(target)).extracting(StoreEvent::sequence).containsExactly(20L);
    }

    @Test
    void aVersion1ExportStillImportsWithoutHistory() {
        MemoryStateStore target = Samples.full();
        byte[] v1 = Samples.exportOfVersion(1, "{\"kind\":\"loop\",\"id\":\"old00001\",\"project\":\"demo\","
                + "\"type\":\"spec\",\"status\":\"initialized\",\"currentScore\":0,\"iteration\":1,\"version\":1,"
                + "\"createdAt\":\"2025-01-01T00:00:00Z\",\"updatedAt\":\"2025-01-01T00:00:00Z\",\"feedback\":[]}");

        ImportResult merged = ArchiveImport.run(target, Samples.source(v1), LoadMode.MERGE, Progress.NONE);

        assertThat(merged.loaded().total()).isEqualTo(1);
        assertThat(target.getLoop("old00001").project()).isEqualTo("demo");
        assertThat(target.events().lastSequence()).isEqualTo(19); // a merge keeps the history

        ArchiveImport.run(target, Samples.source(v1), LoadMode.REPLACE, Progress.NONE);

        assertThat(events(target)).isEmpty(); // a replace holds exactly what the export has: no history
        assertThat(target.events().lastSequence()).isZero();
    }

    @Test
    void anEventInAVersion1ExportIsAProblemOfItsLine() {
        MemoryStateStore target = Samples.full();
        byte[] before = Samples.export(target);

        assertThatThrownBy(() -> ArchiveImport.run(target, Samples.source(Samples.exportOfVersion(1, event(1, ""))),
                LoadMode.REPLACE, Progress.NONE)).hasMessage("invalid export file 'test.jsonl' (1 problem, nothing was "
                + "imported): line 2: kind = 'event': is not a kind of a format version 1 export, which holds no change "
                + "history");
        assertThat(Samples.export(target)).isEqualTo(before);
    }

    @Test
    void aMergeIntoAStoreWithItsOwnHistoryKeepsItAndCountsTheEventsLeftOut() {
        MemoryStateStore target = Samples.empty();
        target.createLoop(NewLoop.of("mine", LoopType.SPEC));
        List<StoreEvent> own = events(target);

        ImportResult result = ArchiveImport.run(target, Samples.source(Samples.export(Samples.full())), LoadMode.MERGE,
                Progress.NONE);

        assertThat(result.skipped().events()).isEqualTo(19);
        assertThat(result.skipped().of(RecordKind.EVENT_SEQUENCE)).isEqualTo(1);
        assertThat(result.skipped().total()).isZero();
        assertThat(result.loaded().events()).isZero();
        assertThat(result.loaded().total()).isEqualTo(16);
        assertThat(events(target)).isEqualTo(own);
        assertThat(target.events().lastSequence()).isEqualTo(1);
    }

    @Test
    void aMergeIntoAStoreWithoutHistoryTakesTheExportedOne() {
        MemoryStateStore source = Samples.full();
        MemoryStateStore target = Samples.empty();

        ImportResult result = ArchiveImport.run(target, Samples.source(Samples.export(source)), LoadMode.MERGE,
                Progress.NONE);

        assertThat(result.loaded().events()).isEqualTo(19);
        assertThat(events(target)).isEqualTo(events(source));
        assertThat(target.events().lastSequence()).isEqualTo(19);
    }

    @Test
    void aLoaderGivenEventsForAStoreWithItsOwnHistoryRefusesThemAndChangesNothing() {
        MemoryStateStore target = Samples.empty();
        target.createLoop(NewLoop.of("mine", LoopType.SPEC));
        byte[] before = Samples.export(target);
        ArchiveLoader loader = target.archive().loader(LoadMode.MERGE);
        loader.accept(EventRecord.of(events(Samples.full()).getFirst()));

        assertThatThrownBy(loader::finish).isInstanceOfSatisfying(StatekeeperException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE))
                .hasMessage("the store has its own change history (up to event 1): a merge does not load the events of "
                        + "another");
        assertThat(Samples.export(target)).isEqualTo(before);
    }

    @Test
    void everyBadEventLineIsReportedWithItsLineAndFieldAndNothingIsImported() {
        byte[] export = Samples.exportOf(
                event(1, ""),
                event(2, "").replace("loop.created", "loop.exploded"),
                event(2, ""),
                event(5, ""),
                event(3, ""),
                event(6, "").replace("\"sequence\":6", "\"sequence\":99999999999999999999"),
                event(7, "").replace("\"version\":1", "\"version\":\"two\""),
                event(8, "").replace("\"ann\"", "\"ann\\u001b[31m\""),
                event(9, "").replace("{\"status\":\"initialized\"}", "{\"deep\":{\"a\":1},\"big\":1e400,"
                        + "\"huge\":123456789012345678901234567890,\"list\":[[1]]}"),
                event(10, "").replace("\"cli\"", "\"pigeon\""),
                event(11, "").replace(",\"summary\":{\"status\":\"initialized\"}", ""),
                event(12, "").replace("\"entityId\":\"ab12cd34\"", "\"entityId\":\"\""),
                "{\"kind\":\"eventSequence\",\"lastSequence\":4}",
                "{\"kind\":\"eventSequence\",\"lastSequence\":40}");
        MemoryStateStore store = Samples.full();
        byte[] before = Samples.export(store);

        StatekeeperException e = catchThrowableOfType(StatekeeperException.class,
                () -> ArchiveImport.run(store, Samples.source(export), LoadMode.REPLACE, Progress.NONE));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.violations()).extracting(Violation::toString).containsExactly(
                "line 3: operation = 'loop.exploded': must be one of " + WireEnum.allowed(Change.class),
                "line 4: sequence = 2: event 2 appears twice (first on line 3)",
                "line 6: sequence = 3: must be greater than the sequence of the event before it (5 on line 5): events "
                        + "come in sequence order",
                "line 7: sequence = 99999999999999999999: Numeric value (99999999999999999999) out of range of long "
                        + "(-9223372036854775808 - 9223372036854775807)",
                "line 8: version = 'two': must be a whole number",
                "line 9: actor = 'ann?[31m': must not contain control characters (U+001B at 3)",
                "line 10: summary.deep = 'an object': must be a text, a number, a boolean or a list of them",
                "line 10: summary.big = 'Infinity': is out of range",
                "line 10: summary.huge = '123456789012345678901234567890': is out of range",
                "line 10: summary.list[0] = 'a list in a list': must be a text, a number or a boolean",
                "line 11: via = 'pigeon': must be one of java, cli, http, mcp",
                "line 12: summary = (missing): is required",
                "line 13: entityId = '': is required",
                "line 14: lastSequence = 4: must be at least the sequence of the last event (12 on line 13)",
                "line 15: lastSequence = 40: the event sequence appears twice (first on line 14)");
        assertThat(Samples.export(store)).isEqualTo(before);
        assertThat(store.events().lastSequence()).isEqualTo(19);
    }

    @Test
    void aCopyIsVerifiedWithItsHistoryAndAHistoryThatDiffersFailsTheVerify() {
        MemoryStateStore source = Samples.full();
        MemoryStateStore target = Samples.empty();
        ArchiveCopy.run(source, target, LoadMode.REPLACE, -1, Progress.NONE);

        assertThat(ArchiveVerify.run(source, target, false, Progress.NONE)).isEqualTo(16);
        assertThat(Samples.export(target)).isEqualTo(Samples.export(source));

        target.events().prune(Duration.ofDays(-1));
        assertThatThrownBy(() -> ArchiveVerify.run(source, target, false, Progress.NONE))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFY_FAILED))
                .hasMessage("the target does not match the source: 0 record(s) differ, 0 missing, 0 extra: the change "
                        + "history differs: the source has 19 events up to sequence 19, the target 0 events up to "
                        + "sequence 19");
        assertThat(ArchiveVerify.run(source, target, true, Progress.NONE)).isEqualTo(16); // a merge: not compared
    }

    @Test
    void aBackupManifestCountsTheEventsAndOneWrittenBeforeTheHistoryDoesNotNeedTo() {
        RecordCounts held = ArchiveImport.check(Samples.source(Samples.export(Samples.full())), Progress.NONE);
        Map<String, Long> old = new LinkedHashMap<>(held.summary());
        Map<String, Long> miscounted = new LinkedHashMap<>(held.summaryWithEvents());
        miscounted.put("events", 18L);

        assertThat(held.summaryWithEvents()).containsEntry("events", 19L);
        new Backup(Path.of("b"), manifest(held.summaryWithEvents())).requireCounts(held);
        new Backup(Path.of("b"), manifest(old)).requireCounts(held);
        assertThat(manifest(held.summaryWithEvents()).records()).isEqualTo(16);
        assertThatThrownBy(() -> new Backup(Path.of("b"), manifest(miscounted)).requireCounts(held))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT))
                .hasMessageContaining("sessions=2, events=19} but its manifest says {")
                .hasMessageContaining("sessions=2, events=18}; nothing was restored");
    }

    private static BackupManifest manifest(Map<String, Long> counts) {
        return new BackupManifest(BackupManifest.FORMAT, BackupManifest.VERSION, "b", Instant.EPOCH, "memory",
                "memory:", "test", "export.jsonl.gz", 1, "0".repeat(64), counts);
    }
}
