package dev.statekeeper.core.internal.memory;

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
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.internal.domain.Retention;
import dev.statekeeper.core.internal.error.Errors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.statekeeper.core.internal.memory.MemorySnapshot.inconsistent;
import static dev.statekeeper.core.internal.memory.MemorySnapshot.required;

/** Loops, their feedback, the bounded active-loop history and objective feedback. Not thread-safe. */
final class LoopRepository {
    private final MemoryClock clock;
    private final int historySize;
    private final LoopPolicy policy;
    private final Map<String, Row> rows = new HashMap<>();
    private final Deque<String> history = new ArrayDeque<>();
    private final Map<String, String> objectives = new HashMap<>();

    /** A loop's mutable state; feedback is appended in place so an append costs the same at any length. */
    private static final class Row {
        final String id;
        final String project;
        final LoopType type;
        final Instant createdAt;
        final List<CriticFeedback> feedback = new ArrayList<>();
        final List<Integer> scores = new ArrayList<>();
        LoopStatus status = LoopStatus.INITIALIZED;
        int currentScore;
        int iteration = 1;
        Instant updatedAt;
        long version = 1;

        Row(String id, String project, LoopType type, Instant at) {
            this.id = id;
            this.project = project;
            this.type = type;
            this.createdAt = at;
            this.updatedAt = at;
        }

        /** The row of a loop from a snapshot, with its status, scores, iteration, timestamps and version. */
        Row(Loop loop) {
            this(required(loop.id(), "the id of a loop"), required(loop.project(), "the project of loop '" + loop.id() + "'"),
                    required(loop.type(), "the type of loop '" + loop.id() + "'"),
                    required(loop.createdAt(), "the creation time of loop '" + loop.id() + "'"));
            if (loop.scoreHistory().size() != loop.feedback().size()) {
                throw inconsistent("loop '" + id + "' has " + loop.feedback().size() + " feedback entries but "
                        + loop.scoreHistory().size() + " scores");
            }
            feedback.addAll(loop.feedback());
            scores.addAll(loop.scoreHistory());
            status = required(loop.status(), "the status of loop '" + id + "'");
            currentScore = loop.currentScore();
            iteration = loop.iteration();
            updatedAt = required(loop.updatedAt(), "the update time of loop '" + id + "'");
            version = loop.version();
        }

        Loop loop() {
            return new Loop(id, project, type, status, currentScore, scores, iteration, feedback, createdAt, updatedAt,
                    version);
        }

        LoopSummary summary() {
            return new LoopSummary(id, project, type, status, currentScore, iteration, feedback.size(), createdAt,
                    updatedAt, version);
        }

        void touch(Instant at) {
            updatedAt = at;
            version++;
        }
    }

    LoopRepository(MemoryClock clock, int historySize, LoopPolicy policy) {
        this.clock = clock;
        this.historySize = historySize;
        this.policy = policy;
    }

    int size() {
        return rows.size();
    }

    long feedbackCount() {
        return rows.values().stream().mapToLong(r -> r.feedback.size()).sum();
    }

    Loop create(NewLoop draft) {
        String id = draft.id();
        if (id == null) {
            do {
                id = Loops.newId();
            } while (rows.containsKey(id));
        } else if (rows.containsKey(id)) {
            throw Errors.duplicateLoop(id);
        }
        Row row = new Row(id, draft.project(), draft.type(), clock.now());
        rows.put(id, row);
        history.addFirst(id);
        while (history.size() > historySize) {
            history.removeLast();
        }
        return row.loop();
    }

    Loop get(String id) {
        return row(id).loop();
    }

    /** The loop's status, without copying its feedback. */
    LoopStatus status(String id) {
        return row(id).status;
    }

    /** The loop's project, without copying its feedback. */
    String project(String id) {
        return row(id).project;
    }

    Page<LoopSummary> list(LoopQuery query) {
        List<LoopSummary> all = rows.values().stream()
                .map(Row::summary)
                .filter(query::matches)
                .sorted(Comparator.comparing(LoopSummary::createdAt).reversed().thenComparing(LoopSummary::id))
                .toList();
        return MemoryStateStore.page(all, query.paging());
    }

    List<LoopSummary> active() {
        return history.stream().map(id -> rows.get(id).summary()).toList();
    }

    LoopSummary addFeedback(String id, CriticFeedback feedback, Long expectedVersion) {
        Row row = writable(id, expectedVersion, "feedback");
        Instant now = clock.now();
        row.feedback.add(Loops.stamped(feedback, row.iteration, now));
        row.scores.add(feedback.overallScore());
        row.currentScore = feedback.overallScore();
        row.status = Loops.statusAfterFeedback(row.status);
        row.touch(now);
        return row.summary();
    }

    Decision decide(String id, Long expectedVersion) {
        Row row = writable(id, expectedVersion, "decisions");
        Decision decision = policy.decide(id, row.type, row.iteration, row.scores, row.version + 1);
        row.status = decision.status();
        row.iteration = decision.iteration();
        row.touch(clock.now());
        return decision;
    }

    void putObjective(String id, String text) {
        row(id);
        objectives.put(id, text);
    }

    String objective(String id) {
        row(id);
        String text = objectives.get(id);
        if (text == null) {
            throw Errors.objectiveFeedbackNotFound(id);
        }
        return text;
    }

    void delete(String id) {
        row(id);
        rows.remove(id);
        history.remove(id);
        objectives.remove(id);
    }

    /** The ids of completed loops last updated more than {@code olderThan} ago, sorted. */
    List<String> cleanable(Duration olderThan) {
        Instant cutoff = Retention.cutoff(clock.now(), olderThan);
        return rows.values().stream()
                .filter(r -> Loops.cleanable(r.status, r.updatedAt, cutoff))
                .map(r -> r.id)
                .sorted()
                .toList();
    }

    /** Every loop, oldest first (then by id). */
    List<Loop> loops() {
        return rows.values().stream()
                .sorted(Comparator.comparing((Row r) -> r.createdAt).thenComparing(r -> r.id))
                .map(Row::loop)
                .toList();
    }

    /** The active-loop history, newest first. */
    List<String> history() {
        return List.copyOf(history);
    }

    Map<String, String> objectives() {
        return objectives;
    }

    boolean contains(String id) {
        return rows.containsKey(id);
    }

    /** Empties the repository, for a restore that replaces everything. */
    void clear() {
        rows.clear();
        history.clear();
        objectives.clear();
    }

    /**
     * Fills an empty repository from a snapshot: the loops, the history (newest first, cut to the history size as
     * a create would) and the objective feedback. Refuses a duplicate loop and a history entry or objective
     * of a loop that does not exist.
     */
    void restore(List<Loop> loops, List<String> active, Map<String, String> objectiveFeedback) {
        for (Loop loop : loops) {
            Row row = new Row(loop);
            if (rows.putIfAbsent(row.id, row) != null) {
                throw inconsistent("loop '" + row.id + "' appears twice");
            }
        }
        Set<String> seen = new HashSet<>();
        for (String id : active) {
            if (!rows.containsKey(id)) {
                throw inconsistent("active loop '" + id + "' does not exist");
            }
            if (!seen.add(id)) {
                throw inconsistent("active loop '" + id + "' appears twice");
            }
            if (history.size() < historySize) {
                history.addLast(id);
            }
        }
        objectiveFeedback.forEach((id, text) -> {
            if (!rows.containsKey(id)) {
                throw inconsistent("there is objective feedback of loop '" + id + "', which does not exist");
            }
            objectives.put(id, required(text, "the objective feedback of loop '" + id + "'"));
        });
    }

    /** The loop, open (not completed), at the expected version. */
    private Row writable(String id, Long expectedVersion, String refused) {
        Row row = row(id);
        Loops.requireOpen(id, row.status, row.currentScore, row.iteration, refused);
        if (expectedVersion != null && expectedVersion != row.version) {
            throw Errors.staleLoop(id, row.version, expectedVersion);
        }
        return row;
    }

    private Row row(String id) {
        Row row = id == null ? null : rows.get(id);
        if (row == null) {
            throw Errors.loopNotFound(id);
        }
        return row;
    }
}
