package dev.statekeeper.json;

import dev.statekeeper.json.internal.JsonStoreFormat;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.internal.memory.MemorySnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The json store's file, format version 1: a header (format, version, the generation that grows by one per
 * write), the active-loop history, then every record. Fields appear in declaration order; a loop carries its
 * objective feedback, its spec link and its feedback; a spec carries every revision. Its own records rather
 * than the domain's, so that the file format changes only on purpose; the documents themselves (spec,
 * roadmap and plan content, critic feedback) keep the shape the API and CLI give them.
 */
record StateDocument(String format, int version, long generation, List<String> activeLoops, List<LoopEntry> loops,
                     List<SpecEntry> specs, List<RoadmapEntry> roadmaps, List<PlanEntry> plans,
                     List<SessionEntry> sessions) {
    static final String FORMAT = JsonStoreFormat.FORMAT;
    static final int VERSION = JsonStoreFormat.VERSION;

    StateDocument {
        activeLoops = list(activeLoops, "activeLoops");
        loops = list(loops, "loops");
        specs = list(specs, "specs");
        roadmaps = list(roadmaps, "roadmaps");
        plans = list(plans, "plans");
        sessions = list(sessions, "sessions");
    }

    record LoopEntry(String id, String project, LoopType type, LoopStatus status, int currentScore, int iteration,
                     long version, Instant createdAt, Instant updatedAt, String objectiveFeedback, SpecRef spec,
                     List<CriticFeedback> feedback) {
        LoopEntry {
            if (id == null) {
                throw new IllegalArgumentException("a loop must have an id");
            }
            feedback = list(feedback, "feedback");
        }
    }

    record SpecRef(String project, String name) {
    }

    record SpecEntry(String project, String name, Instant createdAt, List<SpecRevision> revisions) {
        SpecEntry {
            revisions = list(revisions, "revisions");
        }
    }

    record SpecRevision(long version, int iteration, Instant updatedAt, SpecContent content) {
    }

    record RoadmapEntry(String project, long version, Instant createdAt, Instant updatedAt, RoadmapContent content) {
    }

    record PlanEntry(String project, long version, Instant createdAt, Instant updatedAt, PlanContent content) {
    }

    record SessionEntry(String name, SessionStatus status, String repoName, String repoUrl, String branch,
                        String taskId, Instant createdAt, Instant updatedAt, Map<String, String> metadata) {
        SessionEntry {
            if (metadata == null || metadata.values().stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("metadata must be an object of texts, without nulls");
            }
        }
    }

    /** The document of a snapshot, as generation {@code generation}. */
    static StateDocument of(MemorySnapshot s, long generation) {
        Map<String, SpecRef> links = new HashMap<>();
        s.specLinks().forEach(l -> links.put(l.loopId(), new SpecRef(l.project(), l.name())));
        return new StateDocument(FORMAT, VERSION, generation, s.activeLoops(),
                s.loops().stream().map(l -> new LoopEntry(l.id(), l.project(), l.type(), l.status(), l.currentScore(),
                        l.iteration(), l.version(), l.createdAt(), l.updatedAt(), s.objectiveFeedback().get(l.id()),
                        links.get(l.id()), l.feedback())).toList(),
                s.specs().stream().map(StateDocument::specEntry).toList(),
                s.roadmaps().stream().map(r -> new RoadmapEntry(r.project(), r.version(), r.createdAt(), r.updatedAt(),
                        r.content())).toList(),
                s.plans().stream().map(p -> new PlanEntry(p.project(), p.version(), p.createdAt(), p.updatedAt(),
                        p.content())).toList(),
                s.sessions().stream().map(x -> new SessionEntry(x.name(), x.status(), x.repoName(), x.repoUrl(),
                        x.branch(), x.taskId(), x.createdAt(), x.updatedAt(), x.metadata())).toList());
    }

    private static SpecEntry specEntry(List<Spec> revisions) {
        Spec first = revisions.getFirst();
        return new SpecEntry(first.project(), first.name(), first.createdAt(), revisions.stream()
                .map(r -> new SpecRevision(r.version(), r.iteration(), r.updatedAt(), r.content())).toList());
    }

    /** The records of the document; the score history of a loop is its feedback's scores. */
    MemorySnapshot snapshot() {
        Map<String, String> objectives = new HashMap<>();
        List<MemorySnapshot.SpecLink> links = new ArrayList<>();
        for (LoopEntry l : loops) {
            if (l.objectiveFeedback() != null) {
                objectives.put(l.id(), l.objectiveFeedback());
            }
            if (l.spec() != null) {
                links.add(new MemorySnapshot.SpecLink(l.id(), l.spec().project(), l.spec().name()));
            }
        }
        return new MemorySnapshot(
                loops.stream().map(l -> new Loop(l.id(), l.project(), l.type(), l.status(), l.currentScore(),
                        l.feedback().stream().map(CriticFeedback::overallScore).toList(), l.iteration(), l.feedback(),
                        l.createdAt(), l.updatedAt(), l.version())).toList(),
                activeLoops, objectives,
                specs.stream().map(e -> e.revisions().stream().map(r -> new Spec(e.project(), e.name(), r.iteration(),
                        r.version(), r.content(), e.createdAt(), r.updatedAt())).toList()).toList(),
                links,
                roadmaps.stream().map(r -> new Roadmap(r.project(), r.version(), r.content(), List.of(), r.createdAt(),
                        r.updatedAt())).toList(),
                plans.stream().map(p -> new ProjectPlan(p.project(), p.version(), p.content(), p.createdAt(),
                        p.updatedAt())).toList(),
                sessions.stream().map(x -> new Session(x.name(), x.repoName(), x.repoUrl(), x.branch(), x.taskId(),
                        x.status(), x.metadata(), x.createdAt(), x.updatedAt())).toList());
    }

    /** A list field: present, without null elements (a hand edit may have left either). */
    private static <T> List<T> list(List<T> values, String field) {
        if (values == null || values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + " must be a list without nulls");
        }
        return List.copyOf(values);
    }
}
