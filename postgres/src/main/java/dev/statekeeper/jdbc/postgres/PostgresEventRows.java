package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.internal.events.EventDraft;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.store.EventRows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A write's events on PostgreSQL, in one statement and so one round trip: it locks and raises the
 * {@code event_sequence} row (writers run at once; the row lock, held to the commit, orders their commits as their
 * numbers; every write keeps the counter, so it is the newest number and no read of the events table is needed:
 * {@code db verify} reports a counter behind the newest event, and {@code --repair} raises it), inserts the events from arrays (one per column that differs between them), and notifies the store's
 * channel of the newest number, which listeners in every process receive once the write commits.
 */
final class PostgresEventRows implements EventRows {
    private static final String APPEND = """
            WITH n AS (
                UPDATE event_sequence
                SET last_sequence = last_sequence + ?
                WHERE id = 1 RETURNING last_sequence),
            e AS (
                INSERT INTO events (sequence, time, change, entity_kind, entity_id, project, version, actor, via,
                    request_id, request_key, write_id, summary)
                SELECT n.last_sequence - ? + d.position, ?, d.change, d.entity_kind, d.entity_id, d.project,
                    d.version, ?, ?, ?, ?, ?, d.summary
                FROM n, unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[]) WITH ORDINALITY
                    AS d(change, entity_kind, entity_id, project, version, summary, position))
            SELECT last_sequence, pg_notify(?, last_sequence::text) FROM n""";

    private final String channel;

    /** @param channel the store's notification channel */
    PostgresEventRows(String channel) {
        this.channel = channel;
    }

    /** The counter, which every write keeps (the events table is read only when its row is lost). */
    @Override
    public long last(Connection c) throws SQLException {
        return Sql.number(c, "SELECT coalesce((SELECT last_sequence FROM event_sequence WHERE id = 1), "
                + "(SELECT max(sequence) FROM events), 0)");
    }

    @Override
    public long append(Connection c, Shared shared, List<EventDraft> drafts) throws SQLException {
        int n = drafts.size();
        String[] change = new String[n];
        String[] kind = new String[n];
        String[] entity = new String[n];
        String[] project = new String[n];
        Long[] version = new Long[n];
        String[] summary = new String[n];
        for (int i = 0; i < n; i++) {
            EventDraft draft = drafts.get(i);
            change[i] = draft.change().wire();
            kind[i] = draft.change().kind().wire();
            entity[i] = draft.entityId();
            project[i] = draft.project();
            version[i] = draft.version();
            summary[i] = JsonColumns.write(draft.summary());
        }
        return Sql.first(c, APPEND, row -> row.getLong(1), n, n, shared.time(), shared.actor(), shared.via(),
                        shared.requestId(), shared.requestKey(), shared.writeId(),
                        c.createArrayOf("text", change), c.createArrayOf("text", kind), c.createArrayOf("text", entity),
                        c.createArrayOf("text", project), c.createArrayOf("bigint", version),
                        c.createArrayOf("text", summary), channel)
                .orElseThrow(() -> new SQLException("event_sequence has no row: the write's events cannot be numbered"));
    }
}
