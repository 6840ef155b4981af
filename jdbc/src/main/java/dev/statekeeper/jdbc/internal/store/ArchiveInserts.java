package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.archive.ActiveLoopRecord;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.EventRecord;
import dev.statekeeper.core.archive.EventSequenceRecord;
import dev.statekeeper.core.archive.LoopRecord;
import dev.statekeeper.core.archive.ObjectiveRecord;
import dev.statekeeper.core.archive.PlanRecord;
import dev.statekeeper.core.archive.RoadmapRecord;
import dev.statekeeper.core.archive.SessionRecord;
import dev.statekeeper.core.archive.SpecLinkRecord;
import dev.statekeeper.core.archive.SpecRecord;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.core.internal.error.Errors;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one batch of records, raw rows with the ids, timestamps and versions they have (feedback rows get no
 * request key). Rows of a table whose values are all in the records go through {@link Dialect#insertRows} (COPY on
 * PostgreSQL, a batched INSERT elsewhere); the spec revisions and links, which find their spec's id by its name,
 * through a batched INSERT ... SELECT. Tables are written in the order the foreign keys need, so a batch may hold
 * any records that come in archive order. Times the archive has not (an objective's, a link's, a history entry's)
 * are the load's. Events keep their sequence and every field; their write id is the load's.
 */
final class ArchiveInserts {
    /** A table a load writes: its columns, or the INSERT ... SELECT that looks up what the records do not have. */
    private record Table(List<String> columns, String insertSelect) {
        static Table of(String... columns) {
            return new Table(List.of(columns), null);
        }
    }

    /** Parents first; a delete goes the other way round. */
    private static final Map<String, Table> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("loop_states", Table.of("id", "project_name", "loop_type", "status", "current_score", "iteration",
                "feedback_count", "created_at", "updated_at", "version"));
        TABLES.put("critic_feedback", Table.of("loop_id", "seq", "critic_agent", "iteration", "overall_score",
                "assessment_summary", "detailed_feedback", "key_issues", "recommendations", "assessed_at"));
        TABLES.put("objective_feedback", Table.of("loop_id", "feedback", "created_at", "updated_at"));
        TABLES.put("technical_specs", Table.of("project_name", "spec_name", "spec_status", "iteration", "version",
                "content", "created_at", "updated_at"));
        TABLES.put("spec_revisions", new Table(List.of(), "INSERT INTO spec_revisions (spec_id, version, iteration, "
                + "content, revised_at) SELECT id, ?, ?, ?, ? FROM technical_specs WHERE project_name = ? AND spec_name = ?"));
        TABLES.put("loop_to_spec_mappings", new Table(List.of(), "INSERT INTO loop_to_spec_mappings (loop_id, spec_id, "
                + "linked_at) SELECT ?, id, ? FROM technical_specs WHERE project_name = ? AND spec_name = ?"));
        TABLES.put("loop_history", Table.of("loop_id", "added_at"));
        TABLES.put("roadmaps", Table.of("project_name", "roadmap_status", "content", "version", "created_at",
                "updated_at"));
        TABLES.put("project_plans", Table.of("project_name", "plan_status", "content", "version", "created_at",
                "updated_at"));
        TABLES.put("sessions", Table.of("name", "status", "repo_name", "repo_url", "branch", "task_id", "created_at",
                "updated_at", "metadata"));
        TABLES.put("events", Table.of("sequence", "time", "change", "entity_kind", "entity_id", "project", "version",
                "actor", "via", "request_id", "request_key", "write_id", "summary"));
    }

    private final Dialect dialect;
    private final Object now;
    private final String writeId;
    private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    /** The links in the order of their rows, to name the spec of a link that inserted nothing. */
    private final List<SpecLinkRecord> links = new ArrayList<>();

    /** @param writeId the write id of the event rows: one per load, marking them as loaded, not written */
    ArchiveInserts(Dialect dialect, Object now, String writeId) {
        this.dialect = dialect;
        this.now = now;
        this.writeId = writeId;
        TABLES.keySet().forEach(table -> rows.put(table, new ArrayList<>()));
    }

    /** Deletes every record and event, children first, and sets the history's last sequence back to 0. */
    static void clear(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>(TABLES.keySet());
        try (Statement statement = c.createStatement()) {
            for (String table : tables.reversed()) {
                statement.executeUpdate("DELETE FROM " + table);
            }
            statement.executeUpdate("UPDATE event_sequence SET last_sequence = 0");
        }
    }

    void add(ArchiveRecord record) {
        switch (record) {
            case LoopRecord l -> {
                row("loop_states", l.id(), l.project(), l.type().wire(), l.status().wire(), l.currentScore(), l.iteration(),
                        l.feedback().size(), dialect.time(l.createdAt()), dialect.time(l.updatedAt()), l.version());
                for (int i = 0; i < l.feedback().size(); i++) {
                    CriticFeedback f = l.feedback().get(i);
                    row("critic_feedback", l.id(), i + 1, f.criticAgent(), f.iteration(), f.overallScore(),
                            f.assessmentSummary(), f.detailedFeedback(), dialect.json(f.keyIssues()),
                            dialect.json(f.recommendations()), dialect.time(f.timestamp()));
                }
            }
            case ObjectiveRecord o -> row("objective_feedback", o.loopId(), o.text(), now, now);
            case SpecRecord s -> {
                SpecRecord.Revision last = s.revisions().getLast();
                row("technical_specs", s.project(), s.name(), last.content().status().wire(), last.iteration(),
                        last.version(), dialect.json(last.content()), dialect.time(s.createdAt()),
                        dialect.time(last.updatedAt()));
                for (SpecRecord.Revision r : s.revisions()) {
                    row("spec_revisions", r.version(), r.iteration(), dialect.json(r.content()), dialect.time(r.updatedAt()),
                            s.project(), s.name());
                }
            }
            case SpecLinkRecord l -> {
                row("loop_to_spec_mappings", l.loopId(), now, l.project(), l.name());
                links.add(l);
            }
            case ActiveLoopRecord a -> row("loop_history", a.loopId(), now);
            case RoadmapRecord r -> row("roadmaps", r.project(), r.content().status().wire(), dialect.json(r.content()),
                    r.version(), dialect.time(r.createdAt()), dialect.time(r.updatedAt()));
            case PlanRecord p -> row("project_plans", p.project(), p.content().status().wire(), dialect.json(p.content()),
                    p.version(), dialect.time(p.createdAt()), dialect.time(p.updatedAt()));
            case SessionRecord s -> row("sessions", s.name(), s.status().wire(), s.repoName(), s.repoUrl(), s.branch(),
                    s.taskId(), dialect.time(s.createdAt()), dialect.time(s.updatedAt()), dialect.json(s.metadata()));
            case EventRecord r -> {
                StoreEvent e = r.toEvent();
                row("events", e.sequence(), dialect.time(e.time()), e.change().wire(), e.kind().wire(), e.entityId(),
                        e.project(), e.version(), e.actor(), e.via().wire(), e.requestId(), e.requestKey(), writeId,
                        JsonColumns.write(e.summary()));
            }
            case EventSequenceRecord r -> { } // the loader sets event_sequence when it finishes
        }
    }

    /** Inserts every row added, table by table; a link to a spec that is not there fails with SPEC_NOT_FOUND. */
    void write(Connection c) throws SQLException {
        for (Map.Entry<String, List<Object[]>> table : rows.entrySet()) {
            if (table.getValue().isEmpty()) {
                continue;
            }
            Table to = TABLES.get(table.getKey());
            if (to.insertSelect() == null) {
                dialect.insertRows(c, table.getKey(), to.columns(), table.getValue());
                continue;
            }
            int[] counts = Sql.batch(c, to.insertSelect(), table.getValue());
            if (table.getKey().equals("loop_to_spec_mappings")) {
                checkLinks(counts);
            }
        }
    }

    /** An INSERT ... SELECT of a link whose spec is not there inserts nothing, silently: it must not go unnoticed. */
    private void checkLinks(int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw Errors.specNotFound(links.get(i).project(), links.get(i).name());
            }
        }
    }

    private void row(String table, Object... params) {
        rows.get(table).add(params);
    }
}
