package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.events.EventDraft;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * How a backend numbers and stores the events of one write, as the last work of the write's transaction. Where
 * writers run at once (PostgreSQL) the {@code event_sequence} row numbers every write and its lock orders the commits;
 * where they are serialized already (SQLite) the next number follows the greater of the newest event and the counter,
 * which then only keeps the numbers of pruned events (so none is given twice). Each write's events touch as
 * few pages as the queries allow (the events table and its entity, project and time indexes): a SQLite commit writes
 * every page it changed to the write-ahead log, so each table or index an event touches costs every write a page.
 */
public interface EventRows {

    /**
     * What every event of one write shares.
     *
     * @param time       when the write ran, as the dialect binds it
     * @param actor      who wrote, or null
     * @param via        the interface's wire name
     * @param requestId  the request's id, or null
     * @param requestKey the Idempotency-Key, or null
     * @param writeId    the write call's id
     */
    record Shared(Object time, String actor, String via, String requestId, String requestKey, String writeId) {
    }

    /**
     * Numbers the drafts after the newest number given, stores them, and returns the newest number.
     *
     * @param c      the write's connection, in its transaction
     * @param shared what the events share
     * @param drafts the events, at least one
     * @return the number of the last draft
     */
    long append(Connection c, Shared shared, List<EventDraft> drafts) throws SQLException;

    /**
     * The newest number given, as a follower polls it: by default {@link #newest(Connection) the greater} of the
     * newest event and the counter.
     */
    default long last(Connection c) throws SQLException {
        return newest(c);
    }

    /**
     * For a database whose write transactions exclude each other (SQLite's {@code BEGIN IMMEDIATE}, across
     * processes): the newest number is read, not locked, and the counter row is left alone, so a write's events cost
     * it no page beyond the events table and its indexes. Numbers are given in commit order because commits are.
     */
    static EventRows serialized() {
        return (c, shared, drafts) -> {
            long sequence = newest(c);
            for (EventDraft draft : drafts) {
                Sql.update(c, "INSERT INTO events (sequence, time, change, entity_kind, entity_id, project, version, "
                                + "actor, via, request_id, request_key, write_id, summary) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        ++sequence, shared.time(), draft.change().wire(), draft.change().kind().wire(), draft.entityId(),
                        draft.project(), draft.version(), shared.actor(), shared.via(), shared.requestId(),
                        shared.requestKey(), shared.writeId(), JsonColumns.write(draft.summary()));
            }
            return sequence;
        };
    }

    /**
     * The newest number given: the newest event's or the counter's, whichever is greater (0 for neither: no event
     * kept and no counter row).
     */
    static long newest(Connection c) throws SQLException {
        return Sql.first(c, "SELECT (SELECT max(sequence) FROM events), "
                + "(SELECT last_sequence FROM event_sequence WHERE id = 1)", EventRows::greater).orElse(0L);
    }

    private static long greater(ResultSet row) throws SQLException {
        return Math.max(row.getLong(1), row.getLong(2));
    }
}
