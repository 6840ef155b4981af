package dev.statekeeper.core.archive;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A loop with its whole feedback history, each entry with its timestamp. The score history is not written: it is
 * the feedback's overall scores.
 *
 * @param id           the loop's id, its key
 * @param project      the project it belongs to
 * @param type         what it refines
 * @param status       where it stands
 * @param currentScore the overall score of the last feedback entry, 0 before any
 * @param iteration    the current iteration, from 1
 * @param version      1 when created, one more on every change
 * @param createdAt    when it was created
 * @param updatedAt    when it last changed
 * @param feedback     every feedback entry, oldest first, each with its iteration and timestamp
 */
public record LoopRecord(String id, String project, LoopType type, LoopStatus status, int currentScore, int iteration,
                         long version, Instant createdAt, Instant updatedAt, List<CriticFeedback> feedback)
        implements ArchiveRecord {

    /** Copies the feedback list, which is then unmodifiable; a missing list stays null for {@link #check}. */
    public LoopRecord {
        feedback = feedback == null ? null : Collections.unmodifiableList(new ArrayList<>(feedback));
    }

    /**
     * The record of a stored loop.
     *
     * @param loop the loop as the store returns it
     * @return its record, with every field and feedback entry as stored
     */
    public static LoopRecord of(Loop loop) {
        return new LoopRecord(loop.id(), loop.project(), loop.type(), loop.status(), loop.currentScore(),
                loop.iteration(), loop.version(), loop.createdAt(), loop.updatedAt(), loop.feedback());
    }

    /**
     * The loop as the store returns it, its score history rebuilt from the feedback's overall scores. For a record
     * that passed {@link #check}.
     *
     * @return the loop
     */
    public Loop toLoop() {
        return new Loop(id, project, type, status, currentScore,
                feedback.stream().map(CriticFeedback::overallScore).toList(), iteration, feedback, createdAt, updatedAt,
                version);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.LOOP;
    }

    @Override
    public String key() {
        return id;
    }

    @Override
    public String describe() {
        return "loop " + ArchiveRecordChecks.quote(id);
    }

    @Override
    public void check(Checks checks) {
        checks.required("id", id);
        ArchiveRecordChecks.adopt(checks, "", () -> new NewLoop(project, type, id).validate());
        checks.required("status", status)
                .range("currentScore", currentScore, 0, 100)
                .atLeast("iteration", iteration, 1)
                .atLeast("version", version, 1);
        ArchiveRecordChecks.time(checks, "createdAt", createdAt);
        ArchiveRecordChecks.time(checks, "updatedAt", updatedAt);
        if (feedback == null) {
            checks.add(new Violation("feedback", null, "is required"));
            return;
        }
        for (int i = 0; i < feedback.size(); i++) {
            CriticFeedback f = feedback.get(i);
            String prefix = "feedback[" + i + "].";
            if (f == null) {
                checks.add(new Violation("feedback[" + i + "]", null, "is required"));
                continue;
            }
            ArchiveRecordChecks.adopt(checks, prefix, f::validate);
            checks.required(prefix + "iteration", f.iteration()).required(prefix + "timestamp", f.timestamp());
        }
        if (!feedback.isEmpty() && feedback.getLast() != null && feedback.getLast().overallScore() != null
                && feedback.getLast().overallScore() != currentScore) {
            checks.add(new Violation("currentScore", currentScore, "must be the overallScore of the last feedback ("
                    + feedback.getLast().overallScore() + ")"));
        }
    }
}
