package dev.statekeeper.json;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.KeptRequest;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.testkit.SmallDisk;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The change history of the json backend beyond the contract: kept in the file with the records (and read from
 * files written before it, as an empty history), followed across stores and processes on one file, untouched by
 * refused and failed writes, and refused with the file kept when its history part is damaged.
 */
class JsonEventsTest {
    private final TestClock clock = TestClock.frozen();

    @TempDir
    Path dir;

    private Settings settings() {
        return Settings.builder().set(Setting.DATA_DIR, dir.toString()).set(Setting.EVENTS_POLL, "0.01").build();
    }

    private Path file() {
        return dir.resolve("state.json");
    }

    private static List<Long> sequences(JsonStateStore store) {
        return store.events().read(EventQuery.all()).events().stream().map(StoreEvent::sequence).toList();
    }

    @Test
    void aFollowerOfOneStoreWakesWhenAnotherStoreOnTheFileWrites() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (JsonStateStore follower = JsonStateStore.open(settings(), clock);
             JsonStateStore writer = JsonStateStore.open(settings(), clock)) {
            CompletableFuture<Void> waiting = new CompletableFuture<>();
            Future<Long> woken = thread.submit(() -> {
                waiting.complete(null);
                return follower.events().awaitAfter(0, Duration.ofMinutes(2));
            });
            waiting.get();
            writer.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001"));

            assertThat(woken.get(2, TimeUnit.MINUTES)).isEqualTo(1);
            StoreEvent event = follower.events().read(EventQuery.all()).events().getFirst();
            assertThat(event.change()).isEqualTo(Change.LOOP_CREATED);
            assertThat(event.entityId()).isEqualTo("loop0001");
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void aFollowerInThisProcessWakesWhenASecondProcessWrites() throws Exception {
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001"));
        }
        JavaProcess other = JavaProcess.start(dir.resolve("err.txt"), EventWriterProcess.class, dir.toString(),
                "loop0002");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (JsonStateStore follower = JsonStateStore.open(settings(), clock)) {
            long seen = follower.events().lastSequence();
            Future<Long> woken = thread.submit(() -> follower.events().awaitAfter(seen, Duration.ofMinutes(2)));
            other.go();
            assertThat(other.readLine()).isEqualTo("written");

            assertThat(seen).isEqualTo(1);
            assertThat(woken.get(2, TimeUnit.MINUTES)).isEqualTo(2);
            StoreEvent event = follower.events().read(EventQuery.all().withAfter(seen)).events().getFirst();
            assertThat(event.entityId()).isEqualTo("loop0002");
            assertThat(event.via()).isEqualTo(Via.CLI);
            assertThat(event.actor()).isEqualTo("other-process");
        } finally {
            thread.shutdownNow();
        }
        assertThat(other.finish()).isEmpty();
    }

    @Test
    void aFileOfFormatVersionOneOpensWithAnEmptyHistoryAndItsFirstWriteIsSequenceOne() throws Exception {
        Files.writeString(file(), """
                {
                  "format": "statekeeper-json",
                  "version": 1,
                  "generation": 3,
                  "activeLoops": [],
                  "loops": [],
                  "specs": [],
                  "roadmaps": [],
                  "plans": [],
                  "sessions": []
                }
                """);

        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            assertThat(store.events().lastSequence()).isZero();
            assertThat(store.events().read(EventQuery.all()).events()).isEmpty();
            assertThat(Files.readString(file())).contains("\"version\": 1,").doesNotContain("history");

            store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001"));

            assertThat(sequences(store)).containsExactly(1L);
        }
        String json = Files.readString(file());
        assertThat(json).contains("\"version\": 2,", "\"generation\": 4,", "\"lastSequence\": 1,",
                "\"change\": \"loop.created\"");
    }

    @Test
    void aFileOfFormatVersionOneWithAHistoryIsCorrupt() throws Exception {
        String json = """
                {
                  "format": "statekeeper-json",
                  "version": 1,
                  "generation": 3,
                  "activeLoops": [],
                  "loops": [],
                  "specs": [],
                  "roadmaps": [],
                  "plans": [],
                  "sessions": [],
                  "history": {"lastSequence": 0, "events": [], "requestKeys": []}
                }
                """;
        Files.writeString(file(), json);

        assertCorrupt(" at line 11, column 15 (history): unknown field 'history'; " + kept(false));
        assertThat(Files.readString(file())).isEqualTo(json);
    }

    @Test
    void requestKeysAndTheirKeptResponsesSurviveAReopenAndStillRefuseTheirKey() throws Exception {
        byte[] body = {'{', '}', 0, (byte) 0xff, '\n'};
        KeptRequest.Response response = new KeptRequest.Response(201, "application/json",
                Map.of("Location", "/api/v1/loops/loop0001"), body, body.length);
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            Origin.of(Via.HTTP, "ci").withRequestKey("key-1", "fp-1")
                    .call(() -> store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001")));
            store.requestKeys().keepResponse("key-1", response);
        }
        assertThat(Files.readString(file())).contains("\"body\": \"e30A/wo=\"");

        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            KeptRequest kept = store.requestKeys().find("key-1").orElseThrow();
            assertThat(kept.fingerprint()).isEqualTo("fp-1");
            assertThat(kept.at()).isEqualTo(clock.instant());
            assertThat(kept.response().status()).isEqualTo(201);
            assertThat(kept.response().contentType()).isEqualTo("application/json");
            assertThat(kept.response().headers()).containsExactly(Map.entry("Location", "/api/v1/loops/loop0001"));
            assertThat(kept.response().body()).isEqualTo(body);
            assertThat(kept.response().bodyBytes()).isEqualTo(5);
            StoreEvent event = store.events().read(EventQuery.all()).events().getFirst();
            assertThat(event.requestKey()).isEqualTo("key-1");
            assertThat(event.actor()).isEqualTo("ci");
            assertThat(event.via()).isEqualTo(Via.HTTP);
            byte[] before = Files.readAllBytes(file());

            assertThatThrownBy(() -> Origin.of(Via.HTTP, "ci").withRequestKey("key-1", "fp-1")
                    .call(() -> store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0002"))))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_KEY_IN_USE))
                    .hasMessage("Idempotency-Key 'key-1' was already used by a write that committed; nothing was "
                            + "changed");
            assertThat(Files.readAllBytes(file())).isEqualTo(before);
            assertThat(store.events().lastSequence()).isEqualTo(1);
        }
    }

    @Test
    void writesThatChangeNothingLeaveTheFileAsItIs() throws Exception {
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            Origin.of(Via.HTTP, null).withRequestKey("key-1", "fp-1")
                    .call(() -> store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001")));
            store.requestKeys().keepResponse("key-1", new KeptRequest.Response(201, null, Map.of(), null, 9));
            byte[] before = Files.readAllBytes(file());

            store.requestKeys().keepResponse("key-1", new KeptRequest.Response(500, null, Map.of(), null, 0));
            store.requestKeys().keepResponse("no-such-key", new KeptRequest.Response(200, null, Map.of(), null, 0));
            assertThat(store.events().prune(Duration.ofDays(1))).isZero();
            assertThatThrownBy(() -> store.addFeedback("no-such-loop", feedback(50)))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.LOOP_NOT_FOUND));
            assertThat(store.cleanLoops(Duration.ofDays(1), false)).isEmpty();

            assertThat(Files.readAllBytes(file())).isEqualTo(before);
            assertThat(sequences(store)).containsExactly(1L);
            assertThat(store.requestKeys().find("key-1").orElseThrow().response().status()).isEqualTo(201);
        }
    }

    @Test
    void aResponseTheFileCouldNotBeReadBackWithIsRefusedAndNothingIsWritten() throws Exception {
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            Origin.of(Via.HTTP, null).withRequestKey("key-1", "fp-1")
                    .call(() -> store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001")));
            byte[] before = Files.readAllBytes(file());

            assertThatThrownBy(() -> store.requestKeys().keepResponse("key-1", new KeptRequest.Response(201, null,
                    Map.of("Location", "/a\r\nSet-Cookie: x"), null, 0)))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                    .hasMessage("cannot write json store '" + file() + "': header Location holds the control character "
                            + "U+000D at 2; the previous version is kept");
            assertThat(Files.readAllBytes(file())).isEqualTo(before);
            assertThat(store.requestKeys().find("key-1").orElseThrow().response()).isNull();
        }
    }

    @Test
    void aPruneRewritesTheFileWithoutTheOldEventsAndKeysAndTheSequenceGoesOn() throws Exception {
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            Origin.of(Via.HTTP, null).withRequestKey("key-1", "fp-1")
                    .call(() -> store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001")));
            clock.advance(Duration.ofDays(2));
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0002"));

            assertThat(store.events().prune(Duration.ofDays(1))).isEqualTo(1);
        }
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            assertThat(sequences(store)).containsExactly(2L);
            assertThat(store.requestKeys().find("key-1")).isEmpty();
            store.deleteLoop("loop0002");
            assertThat(sequences(store)).containsExactly(2L, 3L);
        }
    }

    @Test
    void aSaveThatFailsLeavesNoEventBehindAndTheNextWriteTakesTheNextSequence() throws Exception {
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001"));
            Path temp = Files.createDirectories(dir.resolve("state.json.tmp").resolve("in-the-way"));
            byte[] before = Files.readAllBytes(file());

            assertThatThrownBy(() -> store.createLoop(new NewLoop("demo", LoopType.SPEC, "lost")))
                    .isInstanceOf(StatekeeperException.class)
                    .hasMessageStartingWith("cannot write json store '" + file() + "'");
            assertThat(Files.readAllBytes(file())).isEqualTo(before);
            assertThat(store.events().lastSequence()).isEqualTo(1);
            assertThat(sequences(store)).containsExactly(1L);

            Files.delete(temp);
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0002"));
            assertThat(store.events().read(EventQuery.all()).events()).extracting(StoreEvent::entityId)
                    .containsExactly("loop0001", "loop0002");
            assertThat(sequences(store)).containsExactly(1L, 2L);
        }
    }

    @Test
    void aFullDiskLeavesNoEventBehind() throws Exception {
        Path mount = SmallDisk.mount(dir);
        List<String> lines = SmallDisk.run(dir, EventsDiskFullProcess.class, mount.resolve("data"));

        assertThat(lines).containsExactly("DISK_FULL", "last 1", "events 1:first", "after freeing 1:first,2:second",
                "reopened 1:first,2:second");
    }

    /** The start of the first event's summary in the file. */
    private static final String SUMMARY = "\"summary\": {\n          \"status\": \"initialized\",";

    private String kept(boolean backup) {
        return "the file is kept as it is and nothing is written over it: run 'statekeeper db recover'" + (backup
                ? ", or restore the newest backup (cp '" + dir.resolve("state.json.1") + "' '" + file() + "')"
                : " (there is no backup)");
    }

    private void assertCorrupt(String where) {
        assertThatThrownBy(() -> JsonStateStore.open(settings(), clock))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT))
                .hasMessage("json store '" + file() + "' is corrupt" + where);
    }

    /** A store with one event, then its file with {@code from} replaced by {@code to}. */
    private byte[] damagedHistory(String from, String to) throws Exception {
        try (JsonStateStore store = JsonStateStore.open(settings(), clock)) {
            Origin.of(Via.HTTP, "ci").withRequestKey("key-1", "fp-1")
                    .call(() -> store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001")));
            store.requestKeys().keepResponse("key-1", new KeptRequest.Response(201, "application/json", Map.of(),
                    new byte[] {'{', '}'}, 2));
        }
        String json = Files.readString(file());
        assertThat(json).contains(from);
        Files.writeString(file(), json.replace(from, to));
        return Files.readAllBytes(file());
    }

    private void assertHistoryRefused(String from, String to, String where) throws Exception {
        byte[] damaged = damagedHistory(from, to);
        assertCorrupt(where + "; " + kept(true));
        assertThat(Files.readAllBytes(file())).isEqualTo(damaged);
    }

    @Test
    void aSequenceOfTheWrongTypeIsCorrupt() throws Exception {
        assertHistoryRefused("\"sequence\": 1,", "\"sequence\": \"one\",", " at line 32, column 21 "
                + "(history.events[0].sequence): Cannot coerce String value (\"one\") to `long` value (but might if "
                + "coercion using `CoercionConfig` was enabled)");
    }

    @Test
    void aSequenceBeyondALongIsCorrupt() throws Exception {
        assertHistoryRefused("\"sequence\": 1,", "\"sequence\": 123456789012345678901234567890,",
                " at line 32, column 51 (history.events[0].sequence): Numeric value (123456789012345678901234567890) "
                        + "out of range of long (-9223372036854775808 - 9223372036854775807)");
    }

    @Test
    void aSequenceOutOfOrderIsCorrupt() throws Exception {
        assertHistoryRefused("\"lastSequence\": 1,", "\"lastSequence\": 0,", " at line 62, column 3 (history): "
                + "history.events: sequence 1 is out of order (after 0, at most lastSequence 0)");
    }

    @Test
    void aHugeNumberInASummaryIsCorrupt() throws Exception {
        assertHistoryRefused(SUMMARY, SUMMARY.replace("\"initialized\"", "1" + "0".repeat(400)),
                " at line 46, column 7 (history.events[0]): summary field 'status' holds a number out of range: "
                        + "10000000000000000000... (401 digits)");
    }

    @Test
    void anInfiniteNumberInASummaryIsCorrupt() throws Exception {
        assertHistoryRefused(SUMMARY, SUMMARY.replace("\"initialized\"", "1e400"),
                " at line 46, column 7 (history.events[0]): summary field 'status' holds a number out of range: Infinity");
    }

    @Test
    void anObjectInASummaryIsCorrupt() throws Exception {
        assertHistoryRefused(SUMMARY, SUMMARY.replace("\"initialized\"", "{\"a\": 1}"),
                " at line 46, column 7 (history.events[0]): summary field 'status' must be a text, a number, a boolean or a list of "
                        + "them, not an object");
    }

    @Test
    void aListInAListInASummaryIsCorrupt() throws Exception {
        assertHistoryRefused(SUMMARY, SUMMARY.replace("\"initialized\"", "[[\"a\"]]"),
                " at line 46, column 7 (history.events[0]): summary field 'status' must be a text, a number or a boolean, not a list "
                        + "in a list");
    }

    @Test
    void aControlCharacterInAnEntityIdIsCorrupt() throws Exception {
        assertHistoryRefused("\"entityId\": \"loop0001\"", "\"entityId\": \"loop\\u00070001\"",
                " at line 46, column 7 (history.events[0]): entityId holds the control character U+0007 at 4");
    }

    @Test
    void anUnknownChangeIsCorrupt() throws Exception {
        assertHistoryRefused("\"change\": \"loop.created\"", "\"change\": \"loop.exploded\"",
                " at line 46, column 7 (history.events[0]): an event's change 'loop.exploded' is not one of "
                        + "loop.created, loop.feedback_added, loop.decided, loop.objective_stored, loop.linked, "
                        + "loop.unlinked, loop.deleted, spec.created, spec.updated, spec.deleted, roadmap.stored, "
                        + "plan.stored, plan.deleted, session.started, session.ended, session.deleted");
    }

    @Test
    void aResponseBodyThatIsNotBase64IsCorrupt() throws Exception {
        assertHistoryRefused("\"body\": \"e30=\"", "\"body\": \"not base64!\"",
                " at line 57, column 19 (history.requestKeys[0].response.body): Cannot deserialize value of type "
                        + "`byte[]` from String \"base64!\": Failed to decode VALUE_STRING as base64 (MIME-NO-LINEFEEDS): "
                        + "Illegal white space character (code 0x20) as character #4 of 4-char base64 unit: can only used "
                        + "between units");
    }

    @Test
    void aKeyThereTwiceIsCorrupt() throws Exception {
        byte[] damaged = damagedHistory("\"requestKeys\": [", "\"requestKeys\": [{\"key\": \"key-1\", \"fingerprint\": "
                + "\"x\", \"at\": \"2026-01-01T00:00:00Z\", \"response\": null},");
        assertCorrupt(" at line 62, column 3 (history): history.requestKeys: key 'key-1' is there twice; "
                + kept(true));
        assertThat(Files.readAllBytes(file())).isEqualTo(damaged);
    }

    @Test
    void aMissingHistoryInAVersionTwoFileIsCorrupt() throws Exception {
        assertHistoryRefused("\"history\"", "\"hist\"", " at line 63, column 1 (history): field 'history' is "
                + "missing");
    }
}
