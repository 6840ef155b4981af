package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopPolicy;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.internal.domain.Loops;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.internal.domain.Retention;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.core.internal.events.Changes;
import dev.statekeeper.core.internal.events.EventDraft;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Loops (loop_states), their feedback and the bounded active-loop history (loop_history). Every write
 * runs inside the caller's write transaction and advances the loop's version with
 * {@code UPDATE ... WHERE version = ?}, so no concurrent update is lost.
 */
public final class LoopRepository {
    private static final String COLUMNS = "l.id, l.project_name, l.loop_type, l.status, l.current_score, l.iteration, "
            + "l.feedback_count, l.created_at, l.updated_at, l.version";

    public static final String CLEANABLE = " FROM loop_states WHERE status = 'completed' AND updated_at < ?";
    private static final int IDS_PER_QUERY = 100;
    private static final String ANY_OF_IDS = "SELECT 1 FROM loop_states WHERE id IN ("
            + String.join(", ", Collections.nCopies(IDS_PER_QUERY, "?")) + ") LIMIT 1";

    private final Dialect dialect;
    private final CriticFeedbackRepository criticFeedback;
    private final Clock clock;
    private final int historySize;
    private final LoopPolicy policy;

    public LoopRepository(Dialect dialect, Clock clock, int historySize, LoopPolicy policy) {
        this.dialect = dialect;
        this.criticFeedback = new CriticFeedbackRepository(dialect);
        this.clock = clock;
        this.historySize = historySize;
        this.policy = policy;
    }

    /**
     * Inserts the loop with the given id and trims the active history. An id the caller chose must be free; a
     * generated one is drawn again on the (unlikely) collision.
     */
    Loop create(Connection c, NewLoop draft, String firstId) throws SQLException {
        Instant now = Timestamps.now(clock);
        String id = firstId;
        while (!insert(c, id, draft, now)) {
            if (draft.id() != null) {
                throw Errors.duplicateLoop(id);
            }
            id = Loops.newId();
        }
        Sql.update(c, "INSERT INTO loop_history (loop_id, added_at) VALUES (?, ?)", id, dialect.time(now));
        Sql.update(c, """
                DELETE FROM loop_history WHERE sequence_number <= (
                    SELECT sequence_number FROM loop_history ORDER BY sequence_number DESC LIMIT 1 OFFSET ?)""",
                historySize);
        return get(c, id);
    }

    /**
     * The loop with its feedback in one statement, so one round trip and one snapshot: the loop's row joined
     * with its entries (the loop's columns repeat on each entry's row).
     */
    Loop get(Connection c, String id) throws SQLException {
        return Sql.rows(c, "SELECT " + COLUMNS + ", " + CriticFeedbackRepository.COLUMNS + " FROM loop_states l "
                + "LEFT JOIN critic_feedback f ON f.loop_id = l.id WHERE l.id = ? ORDER BY f.seq", rows -> {
                    if (!rows.next()) {
                        throw Errors.loopNotFound(id);
                    }
                    LoopSummary s = map(rows);
                    List<CriticFeedback> feedback = new ArrayList<>(s.feedbackCount());
                    do {
                        rows.getInt("seq");
                        if (!rows.wasNull()) {
                            feedback.add(criticFeedback.map(rows, id));
                        }
                    } while (rows.next());
                    List<Integer> scores = feedback.stream().map(CriticFeedback::overallScore).toList();
                    return new Loop(s.id(), s.project(), s.type(), s.status(), s.currentScore(), scores, s.iteration(),
                            List.copyOf(feedback), s.createdAt(), s.updatedAt(), s.version());
                }, id);
    }

    /** The loop without its feedback bodies; LOOP_NOT_FOUND when there is none. */
    LoopSummary summary(Connection c, String id) throws SQLException {
        return summary(c, id, "");
    }

    private LoopSummary summary(Connection c, String id, String lock) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM loop_states l WHERE l.id = ?" + lock, this::map, id)
                .orElseThrow(() -> Errors.loopNotFound(id));
    }

    /** The loop, if it exists. */
    Optional<Loop> find(Connection c, String id) throws SQLException {
        return exists(c, id) ? Optional.of(get(c, id)) : Optional.empty();
    }

    boolean exists(Connection c, String id) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM loop_states WHERE id = ?", row -> true, id).isPresent();
    }

    /** The loop's summary after the append of the request with that key, if that append was applied. */
    Optional<LoopSummary> appliedFeedback(Connection c, String id, String requestKey) throws SQLException {
        return criticFeedback.applied(c, id, requestKey) ? Optional.of(summary(c, id)) : Optional.empty();
    }

    /** Fails with LOOP_NOT_FOUND unless the loop exists. */
    void require(Connection c, String id) throws SQLException {
        if (!exists(c, id)) {
            throw Errors.loopNotFound(id);
        }
    }

    /** The loop's project; LOOP_NOT_FOUND when there is no such loop. */
    String project(Connection c, String id) throws SQLException {
        return Sql.first(c, "SELECT project_name FROM loop_states WHERE id = ?", row -> row.getString(1), id)
                .orElseThrow(() -> Errors.loopNotFound(id));
    }

    /**
     * Like {@link #require} (and returning the loop's project), for a write that goes on to insert a row referring to the loop: the loop is kept from
     * being deleted until the transaction ends, so a concurrent delete either comes first (LOOP_NOT_FOUND here) or
     * waits.
     */
    String requireForReference(Connection c, String id) throws SQLException {
        return Sql.first(c, "SELECT project_name FROM loop_states WHERE id = ?" + dialect.forKeyShare(),
                row -> row.getString(1), id).orElseThrow(() -> Errors.loopNotFound(id));
    }

    Page<LoopSummary> list(Connection c, LoopQuery query) throws SQLException {
        Where where = new Where().equal("l.project_name", query.project())
                .equal("l.loop_type", query.type() == null ? null : query.type().wire())
                .equal("l.status", query.status() == null ? null : query.status().wire());
        long total = Sql.number(c, "SELECT count(*) FROM loop_states l" + where.sql(), where.params());
        List<LoopSummary> items = Sql.list(c, "SELECT " + COLUMNS + " FROM loop_states l" + where.sql()
                        + " ORDER BY l.created_at DESC, l.id LIMIT ? OFFSET ?", this::map,
                where.params(query.paging().limit(), query.paging().offset()));
        return new Page<>(items, total, query.paging().limit(), query.paging().offset());
    }

    /** The newest entries of the active history, newest first. */
    List<LoopSummary> active(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM loop_history h JOIN loop_states l ON l.id = h.loop_id "
                + "ORDER BY h.sequence_number DESC LIMIT ?", this::map, historySize);
    }

    /**
     * Appends one feedback entry (at the loop's current iteration when it names none, read under the row lock),
     * sets the current score and moves initialized to in_progress; adds its event to {@code events}.
     */
    LoopSummary addFeedback(Connection c, String id, CriticFeedback feedback, Long expectedVersion, String requestKey,
                            List<EventDraft> events) throws SQLException {
        LoopSummary current = writable(c, id, expectedVersion, "feedback");
        Instant now = Timestamps.now(clock);
        criticFeedback.insert(c, id, current.feedbackCount() + 1, Loops.stamped(feedback, current.iteration(), now),
                requestKey);
        LoopStatus status = Loops.statusAfterFeedback(current.status());
        update(c, current, status, feedback.overallScore(), current.iteration(), current.feedbackCount() + 1, now);
        LoopSummary after = new LoopSummary(id, current.project(), current.type(), status, feedback.overallScore(),
                current.iteration(), current.feedbackCount() + 1, current.createdAt(), now, current.version() + 1);
        events.add(Changes.feedbackAdded(current.status(), after, feedback));
        return after;
    }

    /**
     * Decides the next action with the policy over the score history and stores status and iteration; adds its event
     * to {@code events}.
     */
    Decision decide(Connection c, String id, Long expectedVersion, List<EventDraft> events) throws SQLException {
        LoopSummary current = writable(c, id, expectedVersion, "decisions");
        Decision decision = policy.decide(id, current.type(), current.iteration(), criticFeedback.lastScores(c, id),
                current.version() + 1);
        update(c, current, decision.status(), current.currentScore(), decision.iteration(), current.feedbackCount(),
                Timestamps.now(clock));
        events.add(Changes.decided(current.status(), current.project(), decision));
        return decision;
    }

    /**
     * Deletes the loop; its feedback, history entry, objective feedback and spec link go with it (cascade). Adds its
     * event to {@code events}.
     */
    void delete(Connection c, String id, List<EventDraft> events) throws SQLException {
        String project = Sql.first(c, "DELETE FROM loop_states WHERE id = ? RETURNING project_name",
                row -> row.getString(1), id).orElseThrow(() -> Errors.loopNotFound(id));
        events.add(Changes.loopDeleted(id, project));
    }

    /** The ids of the completed loops last updated before now - olderThan, sorted. */
    List<String> cleanable(Connection c, Duration olderThan) throws SQLException {
        return sorted(Sql.list(c, "SELECT id" + CLEANABLE, row -> row.getString(1), cutoff(olderThan)));
    }

    /**
     * Deletes the completed loops last updated before now - olderThan in one statement (their feedback, history
     * entries, objective feedback and spec links go with them, by cascade) and returns their ids, sorted; adds one
     * event per loop to {@code events}, in that order.
     */
    List<String> clean(Connection c, Duration olderThan, List<EventDraft> events) throws SQLException {
        List<String[]> removed = new ArrayList<>(Sql.list(c, "DELETE" + CLEANABLE + " RETURNING id, project_name",
                row -> new String[] {row.getString(1), row.getString(2)}, cutoff(olderThan)));
        removed.sort((a, b) -> a[0].compareTo(b[0]));
        List<String> ids = new ArrayList<>(removed.size());
        for (String[] loop : removed) {
            events.add(Changes.loopCleaned(loop[0], loop[1], olderThan));
            ids.add(loop[0]);
        }
        return List.copyOf(ids);
    }

    /** Whether any of these loops exists, asked {@value #IDS_PER_QUERY} ids at a time. */
    public boolean anyExists(Connection c, List<String> ids) throws SQLException {
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            Object[] chunk = new Object[IDS_PER_QUERY];
            for (int i = 0; i < IDS_PER_QUERY; i++) { // the last chunk repeats its first id: one SQL text for all
                chunk[i] = ids.get(from + i < ids.size() ? from + i : from);
            }
            if (Sql.first(c, ANY_OF_IDS, row -> true, chunk).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private Object cutoff(Duration olderThan) {
        return dialect.time(Retention.cutoff(Timestamps.now(clock), olderThan));
    }

    private static List<String> sorted(List<String> ids) {
        List<String> out = new ArrayList<>(ids);
        out.sort(null); // by String order on every backend, whatever the database's collation
        return List.copyOf(out);
    }

    private boolean insert(Connection c, String id, NewLoop draft, Instant now) throws SQLException {
        return Sql.update(c, """
                INSERT INTO loop_states (id, project_name, loop_type, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                id, draft.project(), draft.type().wire(), LoopStatus.INITIALIZED.wire(), dialect.time(now),
                dialect.time(now)) == 1;
    }

    /**
     * The loop, locked against other writers until the transaction ends, open (not completed) and at the expected
     * version: what a write reads its iteration, status and score from.
     */
    private LoopSummary writable(Connection c, String id, Long expectedVersion, String refused) throws SQLException {
        LoopSummary current = summary(c, id, dialect.forUpdate());
        Loops.requireOpen(id, current.status(), current.currentScore(), current.iteration(), refused);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw Errors.staleLoop(id, current.version(), expectedVersion);
        }
        return current;
    }

    private void update(Connection c, LoopSummary current, LoopStatus status, int score, int iteration,
                        int feedbackCount, Instant now) throws SQLException {
        int changed = Sql.update(c, """
                UPDATE loop_states SET status = ?, current_score = ?, iteration = ?, feedback_count = ?,
                    updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?""",
                status.wire(), score, iteration, feedbackCount, dialect.time(now), current.id(), current.version());
        if (changed == 0) {
            throw Errors.staleLoop(current.id(), summary(c, current.id()).version(), current.version());
        }
    }

    private LoopSummary map(ResultSet row) throws SQLException {
        return new LoopSummary(row.getString("id"), row.getString("project_name"),
                LoopType.parse(row.getString("loop_type")), LoopStatus.parse(row.getString("status")),
                row.getInt("current_score"), row.getInt("iteration"), row.getInt("feedback_count"),
                dialect.time(row, "created_at"), dialect.time(row, "updated_at"), row.getLong("version"));
    }
}
