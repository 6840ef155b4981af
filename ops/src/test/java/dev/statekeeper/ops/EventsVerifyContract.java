package dev.statekeeper.ops;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code events} check of {@code db verify} on a SQL store filled through the store itself (so with its change
 * history), then changed with raw SQL: a gap, a version moved without an event, a missing counter row (or, on
 * PostgreSQL, one behind the newest event), a record removed without its deletion event; and what is fine: a pruned
 * prefix, a store without any history, on SQLite a counter behind the newest event.
 * {@link StoreFixture#fill} with 4 loops and 2 specs numbers the events: 1 the roadmap, 2-3 the specs, 4-8 loop0000
 * (created, two feedbacks to version 3, objective, linked), 9-12 loop0001, 13-16 loop0002, 17-19 loop0003, 20 the
 * session.
 */
abstract class EventsVerifyContract {
    static final String GAP_FIX = "nothing can restore lost events short of a backup that holds them (events deleted "
            + "by hand or lost with damaged pages leave such gaps); the records are not affected and --repair does not "
            + "renumber the history; the finding goes once STATEKEEPER_EVENTS_RETENTION prunes the events before the gap "
            + "('statekeeper db maintain')";
    static final String MISMATCH_FIX = "the record changed without an event (a raw edit, a table restored or imported "
            + "over a store with history): nothing can restore the missing events; if the record's version is what is "
            + "wrong, correct it by hand; --repair does not rewrite the history";
    static final String NOTE_FIX = "nothing to do: records stored before the history was kept, imported, recovered "
            + "without their history, or whose events STATEKEEPER_EVENTS_RETENTION pruned have none";
    static final String DELETED_FIX = "nothing to repair: it was removed without an event (deleted by hand, or lost "
            + "with damaged pages); the history keeps what it has until STATEKEEPER_EVENTS_RETENTION prunes it";

    /** The store's settings, filled with {@code StoreFixture.fill(settings, 4, 2)}. */
    abstract Settings settings();

    /** Runs raw statements on the store's database, past the store. */
    abstract void sql(String... statements) throws SQLException;

    /** The sequence numbers of the events of one change, in order. */
    abstract List<Long> sequences(String change) throws SQLException;

    private VerifyReport verify() {
        return Ops.verify(settings(), StoreFixture.CLOCK);
    }

    @Test
    void aStoreWithItsHistoryPassesAfterDeletionsAndReuseOfAnId() {
        try (StateStore store = StateStores.open(settings(), StoreFixture.CLOCK)) {
            store.deleteLoop("loop0003");
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0003"));
            store.deleteLoop("loop0002");
            store.putPlan("demo", Fixtures.plan("v"));
            store.putPlan("demo", Fixtures.plan("w"));
            store.deletePlan("demo");
            store.putSpec("demo", Fixtures.spec("Spec 0 again"));
        }

        VerifyReport report = verify();

        assertThat(report.findings()).isEmpty();
        assertThat(report.summary()).endsWith("': no problems found");
    }

    @Test
    void eventsDeletedInTheMiddleAreAGap() throws SQLException {
        sql("DELETE FROM events WHERE sequence IN (7, 8, 12)");

        assertThat(verify().findings()).containsExactly(Finding.error(Check.EVENTS, "events", "the change history lacks "
                + "3 events between its oldest kept event (1) and its newest (20): sequence 7-8, 12", GAP_FIX));
    }

    @Test
    void moreGapsAndMismatchesThanShownAreCounted() throws SQLException {
        try (StateStore store = StateStores.open(settings(), StoreFixture.CLOCK)) {
            for (int n = 4; n < 50; n++) { // events 21 + 2 (n - 4), created, and 22 + 2 (n - 4), objective
                store.createLoop(new NewLoop("demo", LoopType.SPEC, StoreFixture.loop(n)));
                store.putObjectiveFeedback(StoreFixture.loop(n), "o");
            }
        }
        List<Long> objectives = sequences("loop.objective_stored");
        assertThat(objectives).hasSize(48).startsWith(7L, 16L, 22L).endsWith(112L);
        sql("DELETE FROM events WHERE change = 'loop.objective_stored'", "UPDATE loop_states SET version = version + 1");

        List<String> expected = new ArrayList<>();
        // the last one, 112, was the newest event: what is gone after the newest kept one is no gap
        expected.add("error: events: the change history lacks 47 events between its oldest kept event (1) and its "
                + "newest (111): sequence " + objectives.subList(0, 20).stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + " and 27 more ranges; fix: " + GAP_FIX);
        long[] feedback = {6, 11, 15, 19};
        for (int n = 0; n < 20; n++) {
            String loop = StoreFixture.loop(n);
            expected.add("error: loop_states id='" + loop + "': loop '" + loop + "' is at version " + (n < 4 ? 4 : 2)
                    + " but its history ends at version " + (n < 4 ? 3 : 1) + " (event " + (n < 4 ? feedback[n]
                    : 21 + 2 * (n - 4)) + ", " + (n < 4 ? "loop.feedback_added" : "loop.created") + "); fix: "
                    + MISMATCH_FIX);
        }
        expected.add("error: loop_states: 30 more loops are at a version other than the one their history ends at, "
                + "like the ones above; fix: see the ones above; --repair does not rewrite the history");
        assertThat(verify().findings()).map(Finding::line).containsExactlyElementsOf(expected);
    }

    @Test
    void aVersionMovedByRawSqlIsAMismatch() throws SQLException {
        sql("UPDATE loop_states SET version = 5 WHERE id = 'loop0001'",
                "UPDATE roadmaps SET version = 7 WHERE project_name = 'demo'");

        assertThat(verify().findings()).containsExactly(
                Finding.error(Check.EVENTS, "loop_states id='loop0001'", "loop 'loop0001' is at version 5 but its "
                        + "history ends at version 3 (event 11, loop.feedback_added)", MISMATCH_FIX),
                Finding.error(Check.EVENTS, "roadmaps project_name='demo'", "roadmap of project 'demo' is at version 7 "
                        + "but its history ends at version 1 (event 1, roadmap.stored)", MISMATCH_FIX));
    }

    @Test
    void aCounterBehindTheNewestEventIsAnErrorWhereItNumbersEveryWrite() throws SQLException {
        assumeTrue(settings().backend().equals("postgres"), "on SQLite the counter only keeps pruned numbers");
        sql("UPDATE event_sequence SET last_sequence = 15");

        assertThat(verify().findings()).containsExactly(Finding.error(Check.EVENTS, "event_sequence",
                "event_sequence.last_sequence is 15 but the newest event is number 20: the next write would be numbered "
                        + "16, a number already used", "run 'statekeeper db verify --repair': it raises the counter to "
                        + "the newest event's number, 20 (which loses nothing; events are never renumbered)"));
        assertThat(Ops.repair(settings(), StoreFixture.CLOCK).changes())
                .containsExactly("event_sequence: last_sequence 15 -> 20");
        assertThat(verify().findings()).isEmpty();
    }

    @Test
    void aCounterBehindTheNewestEventIsNoFaultWhereWritersAreSerialized() throws SQLException {
        assumeTrue(settings().backend().equals("sqlite"), "on PostgreSQL the counter numbers every write");
        // SQLite leaves the counter behind as a rule (only pruning raises it); writes number after the greater
        sql("UPDATE event_sequence SET last_sequence = 15");

        assertThat(verify().findings()).isEmpty();
        try (StateStore store = StateStores.open(settings(), StoreFixture.CLOCK)) {
            store.deleteLoop("loop0003");
        }
        assertThat(sequences("loop.deleted")).containsExactly(21L);
        assertThat(Ops.repair(settings(), StoreFixture.CLOCK).changes()).isEmpty();
        assertThat(verify().findings()).isEmpty();
    }

    @Test
    void aMissingCounterRowIsAnError() throws SQLException {
        sql("DELETE FROM event_sequence");

        assertThat(verify().findings()).containsExactly(Finding.error(Check.EVENTS, "event_sequence",
                settings().backend().equals("postgres")
                        ? "event_sequence has no row: every write that records an event fails"
                        : "event_sequence has no row: once every event is pruned, the numbers would start again at 1",
                "run 'statekeeper db verify --repair': it adds the row at the newest event's number, 20"));
        assertThat(Ops.repair(settings(), StoreFixture.CLOCK).changes())
                .containsExactly("event_sequence: missing -> last_sequence 20");
        assertThat(verify().findings()).isEmpty();
    }

    @Test
    void aPrunedPrefixIsNoGapAndItsRecordsAreCountedInANote() throws SQLException {
        sql("DELETE FROM events WHERE sequence <= 10");

        VerifyReport report = verify();

        // loop0000 lost all its events, loop0001 its creation and first feedback (event 11 still gives version 3)
        assertThat(report.findings()).containsExactly(Finding.info(Check.EVENTS, "events", "4 records have no event "
                + "giving their version, so the history cannot check them (1 loop, 2 specs, 1 roadmap)", NOTE_FIX));
        assertThat(report.clean()).isTrue();
        assertThat(report.summary()).endsWith("': no problems found, 1 note");
    }

    @Test
    void aStoreFromBeforeTheHistoryPassesWithTheNote() throws SQLException {
        sql("DELETE FROM events", "UPDATE event_sequence SET last_sequence = 0");

        VerifyReport report = verify();

        assertThat(report.findings()).map(Finding::line).containsExactly("info: events: 7 records have no event giving "
                + "their version, so the history cannot check them (4 loops, 2 specs, 1 roadmap); fix: " + NOTE_FIX);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aRecordRemovedWithoutItsDeletionEventIsAWarning() throws SQLException {
        sql("DELETE FROM sessions WHERE name = 'session-1'");

        VerifyReport report = verify();

        assertThat(report.findings()).containsExactly(Finding.warning(Check.EVENTS,
                "events entity_kind='session' entity_id='session-1'", "session 'session-1' does not exist but its "
                        + "history ends with event 20 (session.started), not with its deletion", DELETED_FIX));
        assertThat(report.clean()).isTrue();
    }

}
