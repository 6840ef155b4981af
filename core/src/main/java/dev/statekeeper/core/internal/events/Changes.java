package dev.statekeeper.core.internal.events;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.events.Change;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The event of each write, with its summary: the few fields that say what changed (the new {@code status} and, when
 * it changed, the {@code statusBefore}; a score; the names of the {@code fields} a new version changed), never whole
 * documents. Every backend makes its events here, so
 * they say the same on each.
 */
public final class Changes {
    private Changes() {
    }

    /** A loop was created. */
    public static EventDraft loopCreated(Loop loop) {
        return new EventDraft(Change.LOOP_CREATED, loop.id(), loop.project(), loop.version(),
                summary("type", loop.type().wire(), "status", loop.status().wire()));
    }

    /**
     * Feedback was added.
     *
     * @param before the loop's status before it
     * @param after  the loop after it
     */
    public static EventDraft feedbackAdded(LoopStatus before, LoopSummary after, CriticFeedback feedback) {
        Map<String, Object> summary = summary("critic", feedback.criticAgent(), "score", after.currentScore(),
                "iteration", after.iteration());
        status(summary, before, after.status());
        return new EventDraft(Change.LOOP_FEEDBACK_ADDED, after.id(), after.project(), after.version(), summary);
    }

    /**
     * A decision was taken.
     *
     * @param before  the loop's status before it
     * @param project the loop's project
     */
    public static EventDraft decided(LoopStatus before, String project, Decision decision) {
        Map<String, Object> summary = summary("score", decision.score(), "threshold", decision.threshold(),
                "iteration", decision.iteration());
        status(summary, before, decision.status());
        return new EventDraft(Change.LOOP_DECIDED, decision.loopId(), project, decision.version(), summary);
    }

    /** A loop's objective feedback was stored. */
    public static EventDraft objectiveStored(String loopId, String project, String text) {
        return new EventDraft(Change.LOOP_OBJECTIVE_STORED, loopId, project, null,
                summary("characters", text.length()));
    }

    /** A loop was linked to a spec. */
    public static EventDraft linked(String loopId, String project, String specProject, String specName) {
        return new EventDraft(Change.LOOP_LINKED, loopId, project, null, summary("spec", specProject + "/" + specName));
    }

    /** A loop's link was removed. */
    public static EventDraft unlinked(String loopId, String project) {
        return new EventDraft(Change.LOOP_UNLINKED, loopId, project, null, Map.of());
    }

    /** A loop was deleted. */
    public static EventDraft loopDeleted(String loopId, String project) {
        return new EventDraft(Change.LOOP_DELETED, loopId, project, null, Map.of());
    }

    /** A loop was deleted by a clean of the loops older than the given age. */
    public static EventDraft loopCleaned(String loopId, String project, Duration olderThan) {
        return new EventDraft(Change.LOOP_DELETED, loopId, project, null,
                summary("clean", true, "olderThan", olderThan.toString()));
    }

    /**
     * A spec got a version.
     *
     * @param before its previous version, or null when this is its first
     */
    public static EventDraft specStored(Spec before, Spec after) {
        Map<String, Object> summary = summary("iteration", after.iteration());
        if (before != null) {
            summary.put("fields", changedFields(before.content(), after.content()));
            status(summary, before.content().status() == null ? null : before.content().status().wire(),
                    after.content().status() == null ? null : after.content().status().wire());
        } else if (after.content().status() != null) {
            summary.put("status", after.content().status().wire());
        }
        return new EventDraft(before == null ? Change.SPEC_CREATED : Change.SPEC_UPDATED, specId(after.project(),
                after.name()), after.project(), after.version(), summary);
    }

    /** A spec was deleted with its revisions. */
    public static EventDraft specDeleted(String project, String name) {
        return new EventDraft(Change.SPEC_DELETED, specId(project, name), project, null, Map.of());
    }

    /**
     * A roadmap was stored.
     *
     * @param before the roadmap before, or null when there was none
     */
    public static EventDraft roadmapStored(Roadmap before, Roadmap after) {
        Map<String, Object> summary = before == null ? summary("created", true)
                : summary("fields", changedFields(before.content(), after.content()));
        return new EventDraft(Change.ROADMAP_STORED, after.project(), after.project(), after.version(), summary);
    }

    /**
     * A plan was stored.
     *
     * @param before the plan before, or null when there was none
     */
    public static EventDraft planStored(ProjectPlan before, ProjectPlan after) {
        Map<String, Object> summary = before == null ? summary("created", true)
                : summary("fields", changedFields(before.content(), after.content()));
        return new EventDraft(Change.PLAN_STORED, after.project(), after.project(), after.version(), summary);
    }

    /** A plan was deleted. */
    public static EventDraft planDeleted(String project) {
        return new EventDraft(Change.PLAN_DELETED, project, project, null, Map.of());
    }

    /** A session was started. */
    public static EventDraft sessionStarted(Session session) {
        Map<String, Object> summary = summary("status", session.status().wire());
        if (session.branch() != null) {
            summary.put("branch", session.branch());
        }
        return new EventDraft(Change.SESSION_STARTED, session.name(), null, null, summary);
    }

    /** A session was ended. */
    public static EventDraft sessionEnded(Session session) {
        return new EventDraft(Change.SESSION_ENDED, session.name(), null, null,
                summary("status", session.status().wire()));
    }

    /** A session was deleted by a clean of the sessions older than the given age. */
    public static EventDraft sessionCleaned(String name, Duration olderThan) {
        return new EventDraft(Change.SESSION_DELETED, name, null, null,
                summary("clean", true, "olderThan", olderThan.toString()));
    }

    /** @return the entity id of a spec: {@code project/name} */
    public static String specId(String project, String name) {
        return project + "/" + name;
    }

    /** @return the names of the record's components whose values differ, in declaration order */
    public static List<String> changedFields(Record before, Record after) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : after.getClass().getRecordComponents()) {
            try {
                if (!Objects.equals(component.getAccessor().invoke(before), component.getAccessor().invoke(after))) {
                    changed.add(component.getName());
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("a record component of " + after.getClass() + " cannot be read", e);
            }
        }
        return changed;
    }

    private static void status(Map<String, Object> summary, LoopStatus before, LoopStatus after) {
        status(summary, before == null ? null : before.wire(), after.wire());
    }

    private static void status(Map<String, Object> summary, String before, String after) {
        if (after != null) {
            summary.put("status", after);
        }
        if (before != null && !before.equals(after)) {
            summary.put("statusBefore", before);
        }
    }

    private static Map<String, Object> summary(Object... pairs) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                summary.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return summary;
    }
}
