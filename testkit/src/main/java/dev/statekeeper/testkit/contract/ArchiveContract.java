package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.EventRecord;
import dev.statekeeper.core.archive.EventSequenceRecord;
import dev.statekeeper.core.internal.archive.ArchiveWriter;
import dev.statekeeper.core.internal.archive.ImportResult;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.LoopRecord;
import dev.statekeeper.core.internal.archive.RecordCounts;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import dev.statekeeper.testkit.Archives;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export and import: the same records give the same bytes on every backend, a load keeps every id, timestamp and
 * version, replace and merge do what they say, a bad import imports nothing, and an export is one snapshot. The change
 * history travels along: a load gives back the same events and last sequence, and a merge into a store with its own
 * history leaves the exported events out.
 */
public abstract class ArchiveContract extends ContractBase {

    /** The export of a memory store filled with every kind of record: what every backend must give back byte for byte. */
    private byte[] canonical() {
        MemoryStateStore memory = new MemoryStateStore(settings(), clock);
        Archives.fillEveryKind(memory);
        return Archives.export(memory);
    }

    @Test
    void exportImportExportIsByteIdenticalInTheStoreAndInAFreshOne() {
        Archives.fillEveryKind(store);
        byte[] first = Archives.export(store);
        StateStore fresh = open(settings());

        ImportResult result = Archives.load(fresh, first, LoadMode.REPLACE);

        assertThat(Archives.export(fresh)).isEqualTo(first);
        assertThat(Archives.export(store)).isEqualTo(first);
        assertThat(result.loaded().summary()).containsEntry("loops", 4L).containsEntry("feedback", 2L)
                .containsEntry("objectives", 2L).containsEntry("specs", 3L).containsEntry("specRevisions", 5L)
                .containsEntry("specLinks", 2L).containsEntry("activeLoops", 3L).containsEntry("roadmaps", 2L)
                .containsEntry("plans", 3L).containsEntry("sessions", 2L);
    }

    @Test
    void theRecordsOfAnotherBackendComeBackByteForByte() {
        byte[] canonical = canonical();

        Archives.load(store, canonical, LoadMode.REPLACE);

        assertThat(new String(Archives.export(store), StandardCharsets.US_ASCII))
                .isEqualTo(new String(canonical, StandardCharsets.US_ASCII));
    }

    /**
     * Text with what a bulk format must escape (PostgreSQL's COPY: backslashes, tabs, line breaks, its null marker
     * and end-of-data line) in plain columns, JSON documents and JSON arrays comes back byte for byte.
     */
    @Test
    void textABulkLoadMustEscapeComesBackByteForByte() {
        String tricky = "tab\there\nnew line\r\nCRLF \\N \\. back\\slash\\ \"quoted\" \u00e9 \uD83D\uDE80";
        MemoryStateStore memory = new MemoryStateStore(settings(), clock);
        Loop loop = memory.createLoop(NewLoop.of("demo", LoopType.SPEC));
        memory.addFeedback(loop.id(), CriticFeedback.builder().criticAgent("critic\\one").iteration(1).overallScore(70)
                .assessmentSummary(tricky).detailedFeedback("\\N").keyIssues(List.of(tricky, "\\."))
                .recommendations(List.of("\n")).build());
        memory.putObjectiveFeedback(loop.id(), tricky);
        memory.putSpec("demo", spec(tricky));
        memory.startSession(new NewSession("s", tricky, null, null, null, Map.of("k", tricky)));
        byte[] export = Archives.export(memory);

        Archives.load(store, export, LoadMode.REPLACE);

        assertThat(Archives.export(store)).isEqualTo(export);
        assertThat(store.getLoop(loop.id()).feedback().getFirst().assessmentSummary()).isEqualTo(tricky);
    }

    /** Loops enough for several load batches of the SQL backends (5,000 records each). */
    private static final int MANY = 12_000;

    /** {@value #MANY} loops with ids {@code many-00000}, ..., one feedback entry on every 1,000th. */
    private List<ArchiveRecord> manyLoops() {
        MemoryStateStore memory = new MemoryStateStore(settings(), clock);
        for (int i = 0; i < MANY; i++) {
            Loop loop = memory.createLoop(new NewLoop("many", LoopType.SPEC, "many-%05d".formatted(i)));
            if (i % 1_000 == 0) {
                memory.addFeedback(loop.id(), feedback(i / 1_000));
            }
        }
        List<ArchiveRecord> records = new ArrayList<>();
        memory.archive().export(records::add);
        return records;
    }

    @Test
    void aLoadOfManyBatchesWritesEveryRecord() {
        List<ArchiveRecord> records = manyLoops();
        ArchiveLoader loader = store.archive().loader(LoadMode.REPLACE);
        records.forEach(loader);
        loader.finish();

        List<ArchiveRecord> back = new ArrayList<>();
        store.archive().export(back::add);
        assertThat(back).isEqualTo(records);
    }

    /** A batch the store refuses fails the load, in {@code accept} or in {@code finish}: it is not lost. */
    @Test
    void aBatchTheStoreRefusesFailsTheLoadWhereverItIs() {
        List<ArchiveRecord> records = manyLoops().stream()
                .filter(r -> !(r instanceof EventRecord) && !(r instanceof EventSequenceRecord)).toList();
        store.createLoop(new NewLoop("mine", LoopType.PLAN, "many-11000"));
        ArchiveLoader loader = store.archive().loader(LoadMode.MERGE);

        refused(ErrorCode.DUPLICATE, () -> {
            records.forEach(loader);
            loader.finish();
        });
        assertThat(store.getLoop("many-11000").project()).isEqualTo("mine");
        assertThat(store.info().counts().get("loops")).isBetween(1L, (long) MANY);
    }

    @Test
    void loadedRecordsKeepTheirIdsTimestampsVersionsAndOrdersAndTakeFurtherWrites() {
        MemoryStateStore memory = new MemoryStateStore(settings(), clock);
        String id = Archives.fillEveryKind(memory);

        Archives.load(store, Archives.export(memory), LoadMode.REPLACE);

        assertThat(store.getLoop(id)).isEqualTo(memory.getLoop(id));
        assertThat(store.activeLoops()).isEqualTo(memory.activeLoops());
        assertThat(store.specHistory("demo", "user-auth")).isEqualTo(memory.specHistory("demo", "user-auth"));
        assertThat(store.getRoadmap("demo")).isEqualTo(memory.getRoadmap("demo"));
        assertThat(store.specForLoop("fixed-id")).isEqualTo(memory.specForLoop("fixed-id"));
        assertThat(store.getObjectiveFeedback("fixed-id")).isEqualTo("Ship it — «soon»");
        assertThat(store.getSession("fix/login")).isEqualTo(memory.getSession("fix/login"));
        assertThat(store.getPlan("Ärger")).isEqualTo(memory.getPlan("Ärger"));

        LoopSummary after = store.addFeedback(id, feedback(2, 95));
        Spec updated = store.updateSpec("demo", "user-auth", SpecContent.titled(null), null);
        Loop created = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

        assertThat(after.feedbackCount()).isEqualTo(3);
        assertThat(after.version()).isEqualTo(memory.getLoop(id).version() + 1);
        assertThat(store.getLoop(id).scoreHistory()).containsExactly(60, 70, 95);
        assertThat(updated.version()).isEqualTo(4);
        assertThat(store.specHistory("demo", "user-auth")).hasSize(4);
        assertThat(store.activeLoops().getFirst().id()).isEqualTo(created.id());
    }

    private static List<StoreEvent> events(StateStore store) {
        return store.events().read(EventQuery.all().withLimit(EventQuery.MAX_LIMIT)).events();
    }

    @Test
    void theHistoryComesBackWithItsNumbersAndTheNextWriteNumbersOn() {
        MemoryStateStore memory = new MemoryStateStore(settings(), clock);
        Archives.fillEveryKind(memory);
        store.createLoop(NewLoop.of("mine", LoopType.SPEC)); // a history of its own, replaced

        ImportResult result = Archives.load(store, Archives.export(memory), LoadMode.REPLACE);

        List<StoreEvent> expected = events(memory);
        assertThat(expected).isNotEmpty();
        assertThat(result.loaded().events()).isEqualTo(expected.size());
        assertThat(events(store)).isEqualTo(expected);
        assertThat(store.events().lastSequence()).isEqualTo(memory.events().lastSequence());
        Loop created = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        StoreEvent next = events(store).getLast();
        assertThat(next.sequence()).isEqualTo(expected.getLast().sequence() + 1);
        assertThat(next.entityId()).isEqualTo(created.id());
        StateStore fresh = open(settings());
        Archives.load(fresh, Archives.export(store), LoadMode.REPLACE);
        assertThat(events(fresh)).isEqualTo(events(store));
    }

    @Test
    void prunedEventsLeaveTheirNumbersUsedAfterALoad() {
        Archives.fillEveryKind(store);
        long last = store.events().lastSequence();
        clock.advance(Duration.ofDays(2));
        assertThat(store.events().prune(Duration.ofDays(1))).isEqualTo(last);
        StateStore fresh = open(settings());

        Archives.load(fresh, Archives.export(store), LoadMode.REPLACE);

        assertThat(events(fresh)).isEmpty();
        assertThat(fresh.events().lastSequence()).isEqualTo(last);
        fresh.startSession(NewSession.named("after"));
        assertThat(events(fresh)).extracting(StoreEvent::sequence).containsExactly(last + 1);
    }

    @Test
    void aMergeIntoAStoreWithItsOwnHistoryKeepsItAndLeavesTheExportedEventsOut() {
        MemoryStateStore memory = new MemoryStateStore(settings(), clock);
        Archives.fillEveryKind(memory);
        store.startSession(NewSession.named("mine"));
        List<StoreEvent> own = events(store);

        ImportResult merged = Archives.load(store, Archives.export(memory), LoadMode.MERGE);

        assertThat(merged.skipped().events()).isEqualTo(events(memory).size());
        assertThat(merged.loaded().events()).isZero();
        assertThat(events(store)).isEqualTo(own);
        assertThat(store.events().lastSequence()).isEqualTo(1);
        assertThat(store.info().counts()).containsEntry("loops", 4L).containsEntry("sessions", 3L);
    }

    @Test
    void aLoaderGivenEventsForAStoreWithItsOwnHistoryRefusesThemAndWritesNothing() {
        MemoryStateStore memory = new MemoryStateStore(settings(), clock);
        Archives.fillEveryKind(memory);
        store.startSession(NewSession.named("mine"));
        byte[] before = Archives.export(store);
        ArchiveLoader loader = store.archive().loader(LoadMode.MERGE);
        loader.accept(EventRecord.of(events(memory).getFirst()));

        failure(ErrorCode.DUPLICATE, "the store has its own change history (up to event 1): a merge does not load the "
                + "events of another", loader::finish);
        assertThat(Archives.export(store)).isEqualTo(before);
    }

    @Test
    void aMergeIntoAStoreWithoutHistoryTakesTheExportedOne() {
        MemoryStateStore memory = new MemoryStateStore(settings(), clock);
        Archives.fillEveryKind(memory);

        ImportResult merged = Archives.load(store, Archives.export(memory), LoadMode.MERGE);

        assertThat(merged.loaded().events()).isEqualTo(events(memory).size());
        assertThat(events(store)).isEqualTo(events(memory));
        assertThat(store.events().lastSequence()).isEqualTo(memory.events().lastSequence());
    }

    @Test
    void replaceRemovesWhatTheStoreHeldBeforeLoading() {
        store.createLoop(NewLoop.of("old", LoopType.SPEC));
        store.startSession(NewSession.named("old-session"));
        store.putSpec("old", spec("Old"));
        byte[] canonical = canonical();

        Archives.load(store, canonical, LoadMode.REPLACE);

        assertThat(Archives.export(store)).isEqualTo(canonical);
        failure(ErrorCode.SESSION_NOT_FOUND, "session 'old-session' not found", () -> store.getSession("old-session"));
    }

    @Test
    void mergeAddsWhatIsAbsentSkipsWhatIsIdenticalAndRefusesWhatDiffers() {
        MemoryStateStore source = new MemoryStateStore(settings(), clock);
        String id = Archives.fillEveryKind(source);
        Archives.load(store, Archives.export(source), LoadMode.REPLACE);
        source.startSession(NewSession.named("new-one"));
        store.startSession(NewSession.named("mine"));

        ImportResult merged = Archives.load(store, Archives.export(source), LoadMode.MERGE);

        assertThat(merged.loaded().total()).isEqualTo(1);
        assertThat(merged.skipped().total()).isEqualTo(21);
        assertThat(store.getSession("new-one").name()).isEqualTo("new-one");
        assertThat(store.getSession("mine").name()).isEqualTo("mine");

        source.addFeedback(id, feedback(2, 99));
        byte[] before = Archives.export(store);
        failure(ErrorCode.VALIDATION_FAILED, "invalid export 'test' (1 problem, nothing was imported): line "
                        + lineOf(source, id) + ": id = '" + id + "': the store has loop '" + id
                        + "' with other content, and a merge never overwrites a record",
                () -> Archives.load(store, Archives.export(source), LoadMode.MERGE));
        assertThat(Archives.export(store)).isEqualTo(before);
    }

    private static long lineOf(StateStore store, String loopId) {
        List<ArchiveRecord> records = new ArrayList<>();
        store.archive().export(records::add);
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) instanceof LoopRecord l && l.id().equals(loopId)) {
                return i + 2;
            }
        }
        throw new AssertionError("no loop " + loopId);
    }

    @Test
    void anImportWithABadRecordImportsNothing() {
        Archives.fillEveryKind(store);
        byte[] before = Archives.export(store);
        MemoryStateStore memory = new MemoryStateStore(settings(), clock);
        Archives.fillEveryKind(memory);
        List<ArchiveRecord> records = new ArrayList<>();
        memory.archive().export(records::add);
        LoopRecord l = (LoopRecord) records.getFirst();
        records.set(0, new LoopRecord(l.id(), l.project(), l.type(), l.status(), 170, l.iteration(), l.version(),
                l.createdAt(), l.updatedAt(), l.feedback()));
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        ArchiveWriter writer = new ArchiveWriter(bad, "bad export");
        records.forEach(writer);
        writer.finish();

        failure(ErrorCode.VALIDATION_FAILED, "invalid export 'test' (2 problems, nothing was imported): "
                        + "line 2: currentScore = 170: must be between 0 and 100; "
                        + "line 2: currentScore = 170: must be the overallScore of the last feedback (70)",
                () -> Archives.load(store, bad.toByteArray(), LoadMode.REPLACE));
        assertThat(Archives.export(store)).isEqualTo(before);
    }

    @Test
    void aLoadKeepsTheNewestHistoryEntriesTheStoreHasRoomFor() {
        MemoryStateStore big = new MemoryStateStore(settings().toBuilder().set(Setting.LOOP_HISTORY_SIZE, "10").build(),
                clock);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(big.createLoop(NewLoop.of("p", LoopType.SPEC)).id());
        }

        Archives.load(store, Archives.export(big), LoadMode.REPLACE);

        assertThat(store.activeLoops()).extracting(LoopSummary::id).containsExactly(ids.get(5), ids.get(4), ids.get(3));
        assertThat(store.info().counts()).containsEntry("loops", 6L);
    }

    @Test
    void anExportIsOneSnapshotThatWritesDuringItDoNotChange() {
        Archives.fillEveryKind(store);
        RecordCounts seen = new RecordCounts();
        List<String> written = new ArrayList<>();

        store.archive().export(record -> {
            if (written.isEmpty()) {
                written.add(store.createLoop(NewLoop.of("during", LoopType.SPEC)).id());
                store.startSession(NewSession.named("during"));
                store.addFeedback("fixed-id", feedback(50));
            }
            seen.accept(record);
            if (record instanceof LoopRecord l && l.id().equals("fixed-id")) {
                assertThat(l.feedback()).isEmpty();
                assertThat(l.status()).isEqualTo(LoopStatus.INITIALIZED);
            }
        });

        assertThat(seen.summary()).containsEntry("loops", 4L).containsEntry("sessions", 2L).containsEntry("feedback", 2L);
        assertThat(store.info().counts()).containsEntry("loops", 5L).containsEntry("sessions", 3L);
    }
}
