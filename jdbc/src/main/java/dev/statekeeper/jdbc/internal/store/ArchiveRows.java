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
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.RowMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads every record for an export, table by table in the archive's order, inside the caller's snapshot
 * transaction. Rows stream (a fetch size, one record built at a time): a loop is built from its row joined with
 * its feedback rows, a spec from its row joined with its revisions. Text keys are ordered by code point. The change
 * history comes last: the {@code events} rows in sequence order and {@code event_sequence}'s last sequence (request
 * keys are not exported).
 */
final class ArchiveRows {
    private static final int FETCH = 500;

    private final Dialect dialect;
    private final CriticFeedbackRepository feedback;
    private final int historySize;

    ArchiveRows(Dialect dialect, int historySize) {
        this.dialect = dialect;
        this.feedback = new CriticFeedbackRepository(dialect);
        this.historySize = historySize;
    }

    void export(Connection c, Consumer<? super ArchiveRecord> out) throws SQLException {
        loops(c, out);
        each(c, "SELECT loop_id, feedback FROM objective_feedback ORDER BY " + dialect.byCodePoint("loop_id"),
                row -> new ObjectiveRecord(row.getString(1), row.getString(2)), out);
        specs(c, out);
        each(c, "SELECT m.loop_id, s.project_name, s.spec_name FROM loop_to_spec_mappings m "
                        + "JOIN technical_specs s ON s.id = m.spec_id ORDER BY " + dialect.byCodePoint("m.loop_id"),
                row -> new SpecLinkRecord(row.getString(1), row.getString(2), row.getString(3)), out);
        each(c, "SELECT h.loop_id FROM (SELECT loop_id, sequence_number FROM loop_history "
                        + "ORDER BY sequence_number DESC LIMIT " + historySize + ") h ORDER BY h.sequence_number",
                row -> new ActiveLoopRecord(row.getString(1)), out);
        each(c, "SELECT project_name, version, created_at, updated_at, content FROM roadmaps ORDER BY "
                + dialect.byCodePoint("project_name"), row -> new RoadmapRecord(row.getString(1), row.getLong(2),
                dialect.time(row, "created_at"), dialect.time(row, "updated_at"), JsonColumns.read(row.getString(5),
                RoadmapContent.class, "roadmap of project '" + row.getString(1) + "'")), out);
        each(c, "SELECT project_name, version, created_at, updated_at, content FROM project_plans ORDER BY "
                + dialect.byCodePoint("project_name"), row -> new PlanRecord(row.getString(1), row.getLong(2),
                dialect.time(row, "created_at"), dialect.time(row, "updated_at"), JsonColumns.read(row.getString(5),
                PlanContent.class, "plan of project '" + row.getString(1) + "'")), out);
        each(c, "SELECT name, status, repo_name, repo_url, branch, task_id, created_at, updated_at, metadata FROM sessions "
                + "ORDER BY created_at, " + dialect.byCodePoint("name"), row -> new SessionRecord(row.getString(1),
                SessionStatus.parse(row.getString(2)), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), dialect.time(row, "created_at"), dialect.time(row, "updated_at"),
                JsonColumns.stringMap(row.getString(9), "metadata of session '" + row.getString(1) + "'")), out);
        history(c, out);
    }

    /** The change history: the events in sequence order, then the last sequence when any was given. */
    private void history(Connection c, Consumer<? super ArchiveRecord> out) throws SQLException {
        each(c, "SELECT " + JdbcEventLog.EVENT_COLUMNS + " FROM events ORDER BY sequence", row -> {
                    long sequence = row.getLong("sequence");
                    long version = row.getLong("version");
                    Long versionOrNull = row.wasNull() ? null : version;
                    return new EventRecord(sequence, dialect.time(row, "time"), row.getString("change"),
                            row.getString("entity_id"), row.getString("project"), versionOrNull, row.getString("actor"),
                            row.getString("via"), row.getString("request_id"), row.getString("request_key"),
                            JdbcEventLog.summary(row.getString("summary"), sequence));
                }, out);
        long last = JdbcEventLog.last(c);
        if (last > 0) {
            out.accept(new EventSequenceRecord(last));
        }
    }

    /** Loops oldest first (then by id), each with its feedback in order. */
    private void loops(Connection c, Consumer<? super ArchiveRecord> out) throws SQLException {
        String sql = "SELECT l.id, l.project_name, l.loop_type, l.status, l.current_score, l.iteration, l.version, "
                + "l.created_at, l.updated_at, " + CriticFeedbackRepository.COLUMNS + " FROM loop_states l "
                + "LEFT JOIN critic_feedback f ON f.loop_id = l.id ORDER BY l.created_at, " + dialect.byCodePoint("l.id")
                + ", f.seq";
        try (PreparedStatement statement = streaming(c, sql); ResultSet rows = statement.executeQuery()) {
            boolean more = rows.next();
            while (more) {
                String id = rows.getString("id");
                LoopRecord head = new LoopRecord(id, rows.getString("project_name"), LoopType.parse(rows.getString("loop_type")),
                        LoopStatus.parse(rows.getString("status")), rows.getInt("current_score"), rows.getInt("iteration"),
                        rows.getLong("version"), dialect.time(rows, "created_at"), dialect.time(rows, "updated_at"), List.of());
                List<CriticFeedback> entries = new ArrayList<>();
                do {
                    rows.getInt("seq");
                    if (!rows.wasNull()) {
                        entries.add(feedback.map(rows, id));
                    }
                    more = rows.next();
                } while (more && id.equals(rows.getString("id")));
                out.accept(new LoopRecord(head.id(), head.project(), head.type(), head.status(), head.currentScore(),
                        head.iteration(), head.version(), head.createdAt(), head.updatedAt(), entries));
            }
        }
    }

    /** Specs in creation order, each with every revision, oldest first. */
    private void specs(Connection c, Consumer<? super ArchiveRecord> out) throws SQLException {
        String sql = "SELECT s.id, s.project_name, s.spec_name, s.created_at, r.version, r.iteration, r.content, "
                + "r.revised_at FROM technical_specs s JOIN spec_revisions r ON r.spec_id = s.id ORDER BY s.id, r.version";
        try (PreparedStatement statement = streaming(c, sql); ResultSet rows = statement.executeQuery()) {
            boolean more = rows.next();
            while (more) {
                long id = rows.getLong("id");
                String project = rows.getString("project_name");
                String name = rows.getString("spec_name");
                String where = "revision of spec '" + name + "' of project '" + project + "'";
                List<SpecRecord.Revision> revisions = new ArrayList<>();
                SpecRecord head = new SpecRecord(project, name, dialect.time(rows, "created_at"), List.of());
                do {
                    revisions.add(new SpecRecord.Revision(rows.getLong("version"), rows.getInt("iteration"),
                            dialect.time(rows, "revised_at"), JsonColumns.read(rows.getString("content"), SpecContent.class,
                            where)));
                    more = rows.next();
                } while (more && rows.getLong("id") == id);
                out.accept(new SpecRecord(head.project(), head.name(), head.createdAt(), revisions));
            }
        }
    }

    private <T extends ArchiveRecord> void each(Connection c, String sql, RowMapper<T> mapper,
                                                Consumer<? super ArchiveRecord> out) throws SQLException {
        try (PreparedStatement statement = streaming(c, sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                out.accept(mapper.map(rows));
            }
        }
    }

    /** A statement whose rows come in pages (PostgreSQL reads the whole result at once without a fetch size). */
    private static PreparedStatement streaming(Connection c, String sql) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH);
        return statement;
    }
}
