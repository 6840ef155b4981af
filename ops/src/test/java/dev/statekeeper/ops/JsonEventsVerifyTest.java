package dev.statekeeper.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static dev.statekeeper.ops.EventsVerifyContract.DELETED_FIX;
import static dev.statekeeper.ops.EventsVerifyContract.GAP_FIX;
import static dev.statekeeper.ops.EventsVerifyContract.MISMATCH_FIX;
import static dev.statekeeper.ops.EventsVerifyContract.NOTE_FIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code events} check on a real json store (its {@code history}), edited by hand: the same findings as on
 * SQLite and PostgreSQL, where the file's paths name the place; a file of format version 1 (before the history)
 * passes with the note; a history of the wrong shape is reported, never a crash. Events numbered as in
 * {@link EventsVerifyContract}.
 */
class JsonEventsVerifyTest {
    @TempDir
    Path dir;

    private Settings settings;
    private Path file;

    @BeforeEach
    void fill() {
        settings = StoreFixture.settings("json", dir);
        StoreFixture.fill(settings, 4, 2);
        file = dir.resolve("state.json");
    }

    private void edit(Consumer<ObjectNode> change) throws IOException {
        ObjectNode document = (ObjectNode) Json.mapper().readTree(Files.readString(file));
        change.accept(document);
        Files.writeString(file, Json.pretty(document));
    }

    private static ArrayNode events(ObjectNode document) {
        return (ArrayNode) document.path("history").path("events");
    }

    /** Removes the events with these sequence numbers. */
    private static void drop(ObjectNode document, long... sequences) {
        ArrayNode events = events(document);
        for (int i = events.size() - 1; i >= 0; i--) {
            for (long sequence : sequences) {
                if (events.get(i).path("sequence").asLong() == sequence) {
                    events.remove(i);
                    break;
                }
            }
        }
    }

    private VerifyReport verify() {
        return Ops.verify(settings, StoreFixture.CLOCK);
    }

    @Test
    void aStoreWithItsHistoryPassesAfterDeletionsAndReuseOfAnId() {
        try (StateStore store = StateStores.open(settings, StoreFixture.CLOCK)) {
            store.deleteLoop("loop0003");
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0003"));
            store.deleteLoop("loop0002");
            store.putPlan("demo", Fixtures.plan("v"));
            store.deletePlan("demo");
        }

        assertThat(verify().summary()).isEqualTo("json store '" + file + "': no problems found");
    }

    @Test
    void eventsRemovedInTheMiddleAreAGap() throws IOException {
        edit(d -> drop(d, 7, 8, 12));

        assertThat(verify().findings()).containsExactly(Finding.error(Check.EVENTS, "state.json history.events",
                "the change history lacks 3 events between its oldest kept event (1) and its newest (20): sequence "
                        + "7-8, 12", GAP_FIX));
    }

    @Test
    void aVersionEditedByHandIsAMismatch() throws IOException {
        edit(d -> {
            for (JsonNode loop : d.path("loops")) {
                if (loop.path("id").asText().equals("loop0001")) {
                    ((ObjectNode) loop).put("version", 5);
                }
            }
        });

        VerifyReport report = verify();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.where()).matches("state\\.json loops\\[\\d+]");
            assertThat(f).isEqualTo(Finding.error(Check.EVENTS, f.where(), "loop 'loop0001' is at version 5 but its "
                    + "history ends at version 3 (event 11, loop.feedback_added)", MISMATCH_FIX));
        });
    }

    @Test
    void aLastSequenceBehindTheNewestEventIsAnError() throws IOException {
        edit(d -> ((ObjectNode) d.path("history")).put("lastSequence", 15));

        assertThat(verify().findings()).containsExactly(Finding.error(Check.EVENTS, "state.json history.lastSequence",
                "history.lastSequence is 15 but the newest event is number 20: the next write would be numbered 16, a "
                        + "number already used", "set \"lastSequence\": 20 in \"history\" by hand, with every process "
                        + "of the store stopped (until then the store refuses the file); --repair does not change the "
                        + "history"));
    }

    @Test
    void aPrunedPrefixIsNoGapAndItsRecordsAreCountedInANote() throws IOException {
        edit(d -> drop(d, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

        VerifyReport report = verify();

        assertThat(report.findings()).containsExactly(Finding.info(Check.EVENTS, "state.json history", "4 records "
                + "have no event giving their version, so the history cannot check them (1 loop, 2 specs, 1 roadmap)",
                NOTE_FIX));
        assertThat(report.summary()).isEqualTo("json store '" + file + "': no problems found, 1 note");
    }

    @Test
    void aFileOfFormatVersion1PassesWithTheNote() throws IOException {
        edit(d -> {
            d.remove("history");
            d.put("version", 1);
        });

        VerifyReport report = verify();

        assertThat(report.findings()).map(Finding::line).containsExactly("info: state.json history: 7 records have no "
                + "event giving their version, so the history cannot check them (4 loops, 2 specs, 1 roadmap); fix: "
                + NOTE_FIX);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aRecordRemovedWithoutItsDeletionEventIsAWarning() throws IOException {
        edit(d -> ((ArrayNode) d.path("sessions")).removeAll());

        assertThat(verify().findings()).containsExactly(Finding.warning(Check.EVENTS, "state.json history.events[19]",
                "session 'session-1' does not exist but its history ends with event 20 (session.started), not with its "
                        + "deletion", DELETED_FIX));
    }

    @Test
    void aHistoryOfTheWrongShapeIsReportedNotACrash() throws IOException {
        edit(d -> {
            ArrayNode events = events(d);
            events.insertObject(0).put("sequence", "one").put("change", "loop.created").put("entityId", "loop0000");
            events.add(5);
            events.addObject().put("sequence", Long.MAX_VALUE).put("change", "loop.created").put("entityId",
                    "loop0000\u0007").put("version", 1);
            events.addObject().put("sequence", 30).put("change", "loop.exploded").put("entityId", "loop0000");
        });

        VerifyReport report = verify();

        assertThat(report.findings()).map(Finding::line).containsExactly(
                "error: state.json history.events: the change history lacks 9223372036854775786 events between its "
                        + "oldest kept event (1) and its newest (9223372036854775807): sequence 21-9223372036854775806; "
                        + "fix: " + GAP_FIX,
                "error: state.json history.lastSequence: history.lastSequence is 20 but the newest event is number "
                        + "9223372036854775807: the next write would be numbered 21, a number already used; fix: set "
                        + "\"lastSequence\": 9223372036854775807 in \"history\" by hand, with every process of the store "
                        + "stopped (until then the store refuses the file); --repair does not change the history",
                "warning: state.json history.events[22]: loop 'loop0000<U+0007>' does not exist but its history ends "
                        + "with event 9223372036854775807 (loop.created), not with its deletion; fix: " + DELETED_FIX);
        Files.writeString(file, "{\"format\": \"statekeeper\", \"version\": 2, \"generation\": 1, \"history\": {\"events\": "
                + "\"none\", \"lastSequence\": -1}}");
        assertThat(verify().findings()).noneMatch(f -> f.check() == Check.EVENTS);
    }
}
