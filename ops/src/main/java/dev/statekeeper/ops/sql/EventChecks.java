package dev.statekeeper.ops.sql;

import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.EntityKind;
import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.EventFindings;
import dev.statekeeper.ops.Finding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The change history ({@code events}, {@code event_sequence}) against itself and the records, in a few set-based
 * statements whatever the size of the store (one pass over the events per kind of record, no statement per record):
 * <ul>
 *     <li>the numbers between the oldest and the newest kept event are all there (pruning removes the oldest only);</li>
 *     <li>{@code event_sequence} has its row and, where it numbers every write
 *     ({@link SqlFlavor#counterNumbersWrites}), is at or past the newest event (else the next write reuses a number);</li>
 *     <li>each loop, spec, roadmap and plan whose history since its last deletion has an event with a version is at
 *     that version; the others are counted in one note (stored before the history, imported, or pruned);</li>
 *     <li>a record that is gone has a history that ends with its deletion (a warning).</li>
 * </ul>
 * A schema without the history (older than the migration that adds it) is skipped: the schema check reports it.
 */
final class EventChecks {
    /** A kind of record: its table, the entity id of a row as SQL, its version column if any, its deletion. */
    private record Kind(EntityKind kind, String table, String id, boolean versioned, Change deletion, String key) {
        /** The history of each entity of this kind: newest event, newest with a version, newest deletion. */
        String history() {
            String deleted = deletion == null ? "CAST(NULL AS BIGINT)" : "max(CASE WHEN change = '" + deletion.wire()
                    + "' THEN sequence END)";
            return "(SELECT entity_id, max(sequence) AS newest, max(CASE WHEN version IS NOT NULL THEN sequence END) "
                    + "AS versioned, " + deleted + " AS deleted FROM events WHERE entity_kind = '" + kind.wire()
                    + "' GROUP BY entity_id) h";
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(EntityKind.LOOP, "loop_states", "r.id", true, Change.LOOP_DELETED, "id"),
            new Kind(EntityKind.SPEC, "technical_specs", "r.project_name || '/' || r.spec_name", true,
                    Change.SPEC_DELETED, "project_name, spec_name"),
            new Kind(EntityKind.ROADMAP, "roadmaps", "r.project_name", true, null, "project_name"),
            new Kind(EntityKind.PLAN, "project_plans", "r.project_name", true, Change.PLAN_DELETED, "project_name"),
            new Kind(EntityKind.SESSION, "sessions", "r.name", false, Change.SESSION_DELETED, "name"));

    private EventChecks() {
    }

    /** Whether the schema has the change history at all. */
    static boolean present(Connection c, SqlFlavor sql) throws SQLException {
        return Jdbc.number(c, sql.tableCount(), "events") == 1 && Jdbc.number(c, sql.tableCount(), "event_sequence") == 1;
    }

    /** The sequence numbers and the counter. */
    static List<Finding> sequence(Connection c, SqlFlavor sql) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        long[] span = Jdbc.list(c, "SELECT min(sequence), max(sequence), count(*) FROM events",
                row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)}).getFirst();
        long oldest = span[0];
        long newest = span[1];
        if (span[2] > 0 && newest - oldest + 1 != span[2]) {
            String gaps = "(SELECT lag(sequence) OVER (ORDER BY sequence) AS previous, sequence FROM events) g "
                    + "WHERE g.sequence > g.previous + 1";
            List<EventFindings.Range> shown = Jdbc.list(c, "SELECT previous + 1, sequence - 1 FROM " + gaps
                    + " ORDER BY sequence LIMIT " + EventFindings.SHOWN,
                    row -> new EventFindings.Range(row.getLong(1), row.getLong(2)));
            long[] total = Jdbc.list(c, "SELECT count(*), sum(sequence - previous - 1) FROM " + gaps,
                    row -> new long[] {row.getLong(1), row.getLong(2)}).getFirst();
            findings.add(EventFindings.gaps("events", oldest, newest, shown, total[0], total[1]));
        }
        List<Long> counter = Jdbc.list(c, "SELECT last_sequence FROM event_sequence WHERE id = 1", row -> row.getLong(1));
        if (counter.isEmpty()) {
            findings.add(Finding.error(Check.EVENTS, "event_sequence", sql.counterNumbersWrites()
                            ? "event_sequence has no row: every write that records an event fails"
                            : "event_sequence has no row: once every event is pruned, the numbers would start again at 1",
                    "run 'statekeeper db verify --repair': it adds the row at the newest event's number, " + newest));
        } else if (sql.counterNumbersWrites() && counter.getFirst() < newest) {
            findings.add(EventFindings.counterBehind("event_sequence", "event_sequence.last_sequence", counter.getFirst(),
                    newest, "run 'statekeeper db verify --repair': it raises the counter to the newest event's number, "
                            + newest + " (which loses nothing; events are never renumbered)"));
        }
        return findings;
    }

    /** Each kind of record against its history: versions, deletions, and the note on records without one. */
    static List<Finding> records(Connection c) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        Map<EntityKind, Long> unchecked = new EnumMap<>(EntityKind.class);
        for (Kind k : KINDS) {
            if (k.versioned()) {
                findings.addAll(mismatches(c, k));
                // no version event since the last deletion: none at all, pruned, or recreated by an import
                long without = Jdbc.number(c, "SELECT count(*) FROM " + k.table() + " r LEFT JOIN " + k.history()
                        + " ON h.entity_id = " + k.id() + " WHERE h.versioned IS NULL OR h.versioned < h.deleted");
                if (without > 0) {
                    unchecked.put(k.kind(), without);
                }
            }
            findings.addAll(deleted(c, k));
        }
        if (!unchecked.isEmpty()) {
            findings.add(EventFindings.withoutHistory("events", unchecked));
        }
        return findings;
    }

    private static List<Finding> mismatches(Connection c, Kind k) throws SQLException {
        String from = " FROM " + k.history() + " JOIN " + k.table() + " r ON " + k.id() + " = h.entity_id"
                + " JOIN events e ON e.sequence = h.versioned"
                + " WHERE (h.deleted IS NULL OR h.versioned > h.deleted) AND r.version >= 1 AND r.version <> e.version";
        List<Object[]> rows = Jdbc.list(c, "SELECT h.entity_id, r.version, e.version, e.sequence, e.change" + from
                + " ORDER BY h.entity_id LIMIT " + (EventFindings.SHOWN + 1), row -> new Object[] {row.getString(1),
                        row.getLong(2), row.getLong(3), row.getLong(4), row.getString(5)});
        List<Finding> findings = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(EventFindings.SHOWN, rows.size()))) {
            findings.add(EventFindings.versionMismatch(where(k, (String) r[0]), k.kind(), (String) r[0], (Long) r[1],
                    (Long) r[2], (Long) r[3], (String) r[4]));
        }
        if (rows.size() > EventFindings.SHOWN) {
            findings.add(EventFindings.moreMismatches(k.table(), k.kind(),
                    Jdbc.number(c, "SELECT count(*)" + from) - EventFindings.SHOWN));
        }
        return findings;
    }

    private static List<Finding> deleted(Connection c, Kind k) throws SQLException {
        String from = " FROM " + k.history() + " JOIN events e ON e.sequence = h.newest WHERE h.entity_id NOT IN "
                + "(SELECT " + k.id() + " FROM " + k.table() + " r)"
                + (k.deletion() == null ? "" : " AND e.change <> '" + k.deletion().wire() + "'");
        List<Object[]> rows = Jdbc.list(c, "SELECT h.entity_id, e.sequence, e.change" + from
                + " ORDER BY h.entity_id LIMIT " + (EventFindings.SHOWN + 1),
                row -> new Object[] {row.getString(1), row.getLong(2), row.getString(3)});
        List<Finding> findings = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(EventFindings.SHOWN, rows.size()))) {
            findings.add(EventFindings.deletedWithoutEvent(Keys.where("events", List.of("entity_kind", "entity_id"),
                    List.of(k.kind().wire(), r[0])), k.kind(), (String) r[0], (Long) r[1], (String) r[2]));
        }
        if (rows.size() > EventFindings.SHOWN) {
            findings.add(EventFindings.moreDeleted("events", k.kind(),
                    Jdbc.number(c, "SELECT count(*)" + from) - EventFindings.SHOWN));
        }
        return findings;
    }

    /** {@code loop_states id='x'}; a spec by its project and name. */
    private static String where(Kind k, String entityId) {
        if (k.kind() == EntityKind.SPEC) {
            int slash = entityId.lastIndexOf('/');
            return Keys.where(k.table(), List.of("project_name", "spec_name"),
                    List.of(entityId.substring(0, slash), entityId.substring(slash + 1)));
        }
        return Keys.where(k.table(), List.of(k.key()), List.of(entityId));
    }
}
