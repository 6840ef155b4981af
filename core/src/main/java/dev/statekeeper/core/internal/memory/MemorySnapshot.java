package dev.statekeeper.core.internal.memory;

import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.internal.domain.SpecRenames;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a {@link MemoryStateStore} holds, as values with every id, timestamp and version: what a backend
 * that keeps the memory model durable saves after a write and gives back to {@link MemoryStateStore#restore}.
 * Orders are stable: loops oldest first (then by id) with their whole feedback history; the active-loop
 * history newest first; objective feedback by loop id; specs in creation order, each with every revision
 * oldest first; links by loop id; roadmaps (without their specs) and plans by project; sessions oldest first.
 */
public record MemorySnapshot(List<Loop> loops, List<String> activeLoops, Map<String, String> objectiveFeedback,
                             List<List<Spec>> specs, List<SpecLink> specLinks, List<Roadmap> roadmaps,
                             List<ProjectPlan> plans, List<Session> sessions) {

    /** A loop linked to the spec of a project and name. */
    public record SpecLink(String loopId, String project, String name) {
    }

    public MemorySnapshot {
        loops = List.copyOf(loops);
        activeLoops = List.copyOf(activeLoops);
        objectiveFeedback = Collections.unmodifiableMap(new TreeMap<>(objectiveFeedback));
        specs = specs.stream().map(List::copyOf).toList();
        specLinks = List.copyOf(specLinks);
        roadmaps = List.copyOf(roadmaps);
        plans = List.copyOf(plans);
        sessions = List.copyOf(sessions);
    }

    public static MemorySnapshot empty() {
        return new MemorySnapshot(List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The specs stored under the name an earlier version gave their title, as {@link SpecRenames} plans them. */
    public SpecRenames.Plan specRenames() {
        return SpecRenames.plan(specs.stream().map(List::getLast)
                .map(s -> new SpecRenames.Stored(s.project(), s.name(), s.content().title())).toList());
    }

    /** This snapshot with the renames of {@link #specRenames} applied to every revision and link of those specs. */
    public MemorySnapshot withUnicodeSpecNames() {
        Map<List<String>, String> renamed = new HashMap<>();
        specRenames().renames().forEach(r -> renamed.put(List.of(r.project(), r.from()), r.to()));
        return new MemorySnapshot(loops, activeLoops, objectiveFeedback, specs.stream()
                .map(revisions -> revisions.stream().map(s -> new Spec(s.project(),
                        renamed.getOrDefault(List.of(s.project(), s.name()), s.name()), s.iteration(), s.version(),
                        s.content(), s.createdAt(), s.updatedAt())).toList()).toList(),
                specLinks.stream().map(l -> new SpecLink(l.loopId(), l.project(),
                        renamed.getOrDefault(List.of(l.project(), l.name()), l.name()))).toList(),
                roadmaps, plans, sessions);
    }

    /** A snapshot that breaks an invariant of the model (a duplicate key, a reference to nothing). */
    static StatekeeperException inconsistent(String problem) {
        return new StatekeeperException(ErrorCode.CORRUPT, problem);
    }

    /** Refuses a missing value the model cannot do without. */
    static <T> T required(T value, String what) {
        if (value == null) {
            throw inconsistent(what + " is missing");
        }
        return value;
    }
}
