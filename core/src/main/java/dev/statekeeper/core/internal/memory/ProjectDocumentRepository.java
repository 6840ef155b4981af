package dev.statekeeper.core.internal.memory;

import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.internal.domain.Projects;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.internal.error.Errors;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.statekeeper.core.internal.memory.MemorySnapshot.inconsistent;
import static dev.statekeeper.core.internal.memory.MemorySnapshot.required;

/** Roadmaps and project plans, one of each per project. Not thread-safe. */
final class ProjectDocumentRepository {
    private final MemoryClock clock;
    private final Map<String, Roadmap> roadmaps = new HashMap<>();
    /** By project in code-point order, the order SQLite's and PostgreSQL's C collation give. */
    private final Map<String, ProjectPlan> plans = new TreeMap<>(ProjectDocumentRepository::byCodePoint);

    ProjectDocumentRepository(MemoryClock clock) {
        this.clock = clock;
    }

    int roadmapCount() {
        return roadmaps.size();
    }

    int planCount() {
        return plans.size();
    }

    Roadmap putRoadmap(String project, RoadmapContent content, Long expectedVersion, List<Spec> specs) {
        Projects.checkProject("roadmap", project);
        Roadmap stored = roadmaps.get(project);
        Instant now = clock.now();
        Roadmap next = stored == null
                ? new Roadmap(project, 1, Projects.roadmapFirstStore(project, content), List.of(), now, now)
                : new Roadmap(project, stored.version() + 1, Projects.roadmapUpdate(stored.content(), content), List.of(),
                        stored.createdAt(), now);
        Errors.checkDocumentVersion("roadmap", project, stored == null ? null : stored.version(), expectedVersion);
        roadmaps.put(project, next);
        return withSpecs(next, specs);
    }

    /** The stored roadmap (without its specs), or null. */
    Roadmap storedRoadmap(String project) {
        return roadmaps.get(project);
    }

    /** The stored plan, or null. */
    ProjectPlan storedPlan(String project) {
        return plans.get(project);
    }

    Roadmap roadmap(String project, List<Spec> specs) {
        Roadmap stored = roadmaps.get(project);
        if (stored == null) {
            throw Errors.roadmapNotFound(project);
        }
        return withSpecs(stored, specs);
    }

    private static Roadmap withSpecs(Roadmap r, List<Spec> specs) {
        return new Roadmap(r.project(), r.version(), r.content(), specs, r.createdAt(), r.updatedAt());
    }

    ProjectPlan putPlan(String project, PlanContent content, Long expectedVersion) {
        Projects.checkProject("plan", project);
        ProjectPlan stored = plans.get(project);
        Instant now = clock.now();
        ProjectPlan next = stored == null
                ? new ProjectPlan(project, 1, Projects.planFirstStore(project, content), now, now)
                : new ProjectPlan(project, stored.version() + 1, Projects.planUpdate(stored.content(), content),
                        stored.createdAt(), now);
        Errors.checkDocumentVersion("plan", project, stored == null ? null : stored.version(), expectedVersion);
        plans.put(project, next);
        return next;
    }

    ProjectPlan plan(String project) {
        ProjectPlan plan = plans.get(project);
        if (plan == null) {
            throw Errors.planNotFound(project);
        }
        return plan;
    }

    Page<ProjectPlan> listPlans(PlanQuery query) {
        List<ProjectPlan> all = plans.values().stream()
                .filter(p -> query.status() == null || query.status() == p.content().status())
                .toList();
        return MemoryStateStore.page(all, query.paging());
    }

    private static int byCodePoint(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** Every roadmap (without its specs), by project. */
    List<Roadmap> roadmaps() {
        return roadmaps.values().stream().sorted((a, b) -> byCodePoint(a.project(), b.project())).toList();
    }

    /** Every plan, by project. */
    List<ProjectPlan> plans() {
        return List.copyOf(plans.values());
    }

    /** Empties the repository, for a restore that replaces everything. */
    void clear() {
        roadmaps.clear();
        plans.clear();
    }

    /** Fills an empty repository from a snapshot; refuses a second roadmap or plan of one project. */
    void restore(List<Roadmap> roadmapList, List<ProjectPlan> planList) {
        for (Roadmap r : roadmapList) {
            String project = required(r.project(), "the project of a roadmap");
            checkStored("roadmap", project, r.content(), r.createdAt(), r.updatedAt());
            if (roadmaps.putIfAbsent(project, withSpecs(r, List.of())) != null) {
                throw inconsistent("the roadmap of project '" + project + "' appears twice");
            }
        }
        for (ProjectPlan p : planList) {
            String project = required(p.project(), "the project of a plan");
            checkStored("plan", project, p.content(), p.createdAt(), p.updatedAt());
            if (plans.putIfAbsent(project, p) != null) {
                throw inconsistent("the plan of project '" + project + "' appears twice");
            }
        }
    }

    private static void checkStored(String kind, String project, Object content, Instant createdAt, Instant updatedAt) {
        required(content, "the content of the " + kind + " of project '" + project + "'");
        required(createdAt, "the creation time of the " + kind + " of project '" + project + "'");
        required(updatedAt, "the update time of the " + kind + " of project '" + project + "'");
    }

    void deletePlan(String project) {
        if (plans.remove(project) == null) {
            throw Errors.planNotFound(project);
        }
    }
}
