package dev.statekeeper.core.internal.domain;

import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.RoadmapStatus;
import dev.statekeeper.core.error.Checks;

import java.util.List;

/** Rules for the per-project documents (roadmap, plan). */
public final class Projects {
    private Projects() {
    }

    /** Refuses a missing or too long project name before anything is looked up. */
    public static void checkProject(String subject, String project) {
        Checks.of(subject).text("project", project, NewLoop.MAX_PROJECT).orThrow();
    }

    /** A roadmap's first version: project and title required, missing fields empty, status draft. */
    public static RoadmapContent roadmapFirstStore(String project, RoadmapContent input) {
        Checks.of("roadmap").text("project", project, NewLoop.MAX_PROJECT).required("roadmap", input).orThrow();
        Documents.checkText(Checks.of("roadmap").text("title", input.title(), 255), input).orThrow();
        return Documents.withDefaults(input, RoadmapContent.class, RoadmapStatus.DRAFT);
    }

    public static RoadmapContent roadmapUpdate(RoadmapContent stored, RoadmapContent input) {
        Checks.of("roadmap").required("roadmap", input).orThrow();
        Checks checks = Checks.of("roadmap");
        if (input.title() != null) {
            checks.text("title", input.title(), 255);
        }
        Documents.checkText(checks, input).orThrow();
        return Documents.merge(stored, input, RoadmapContent.class, List.of(), "roadmap");
    }

    /** A plan's first version: project required, missing fields empty, status draft. */
    public static PlanContent planFirstStore(String project, PlanContent input) {
        Checks.of("plan").text("project", project, NewLoop.MAX_PROJECT).required("plan", input).orThrow();
        Documents.checkText(Checks.of("plan"), input).orThrow();
        return Documents.withDefaults(input, PlanContent.class, PlanStatus.DRAFT);
    }

    public static PlanContent planUpdate(PlanContent stored, PlanContent input) {
        Checks.of("plan").required("plan", input).orThrow();
        Documents.checkText(Checks.of("plan"), input).orThrow();
        return Documents.merge(stored, input, PlanContent.class, List.of(), "plan");
    }
}
