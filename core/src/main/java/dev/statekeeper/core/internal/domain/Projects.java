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

    /**
     * Refuses a missing or too long project name before anything is looked up.
     *
     * @param subject what is stored, as the error names it: {@code roadmap}
     * @param project the project
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for a blank project or one over
     *         {@value NewLoop#MAX_PROJECT} characters
     */
    public static void checkProject(String subject, String project) {
        Checks.of(subject).text("project", project, NewLoop.MAX_PROJECT).orThrow();
    }

    /**
     * The checks of a roadmap put that need no stored roadmap, the same whether it is the first version or an update,
     * with the messages of {@link #checkProject}, {@link #roadmapFirstStore} and {@link #roadmapUpdate}: the project,
     * the roadmap's presence and, when a title is given, the title and every text. Without a title the rest depends
     * on what is stored (a first version needs one) and is left to the put.
     *
     * @param project the project
     * @param input   the roadmap as given
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming every broken field
     */
    public static void checkRoadmapInput(String project, RoadmapContent input) {
        checkProject("roadmap", project);
        Checks.of("roadmap").required("roadmap", input).orThrow();
        if (input.title() != null) {
            Documents.checkText(Checks.of("roadmap").text("title", input.title(), 255), input).orThrow();
        }
    }

    /**
     * The checks of a plan put, which need no stored plan: the same for a first version and an update, with the
     * messages of {@link #checkProject}, {@link #planFirstStore} and {@link #planUpdate}.
     *
     * @param project the project
     * @param input   the plan as given
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming every broken field
     */
    public static void checkPlanInput(String project, PlanContent input) {
        checkProject("plan", project);
        Checks.of("plan").required("plan", input).orThrow();
        Documents.checkText(Checks.of("plan"), input).orThrow();
    }

    /**
     * Checks a roadmap's first version and completes it: project and title required, missing fields empty, status
     * draft.
     *
     * @param project the project
     * @param input   the roadmap as given
     * @return the complete document
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming every broken field
     */
    public static RoadmapContent roadmapFirstStore(String project, RoadmapContent input) {
        Checks.of("roadmap").text("project", project, NewLoop.MAX_PROJECT).required("roadmap", input).orThrow();
        Documents.checkText(Checks.of("roadmap").text("title", input.title(), 255), input).orThrow();
        return Documents.withDefaults(input, RoadmapContent.class, RoadmapStatus.DRAFT);
    }

    /**
     * Checks a roadmap update and lays it over the stored document.
     *
     * @param stored the stored document
     * @param input  the changes: non-null fields replace the stored ones
     * @return the merged document
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for missing changes, a blank or too long
     *         title, or a too long or unstorable field
     */
    public static RoadmapContent roadmapUpdate(RoadmapContent stored, RoadmapContent input) {
        Checks.of("roadmap").required("roadmap", input).orThrow();
        Checks checks = Checks.of("roadmap");
        if (input.title() != null) {
            checks.text("title", input.title(), 255);
        }
        Documents.checkText(checks, input).orThrow();
        return Documents.merge(stored, input, RoadmapContent.class, List.of(), "roadmap");
    }

    /**
     * Checks a plan's first version and completes it: project required, missing fields empty, status draft.
     *
     * @param project the project
     * @param input   the plan as given
     * @return the complete document
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming every broken field
     */
    public static PlanContent planFirstStore(String project, PlanContent input) {
        Checks.of("plan").text("project", project, NewLoop.MAX_PROJECT).required("plan", input).orThrow();
        Documents.checkText(Checks.of("plan"), input).orThrow();
        return Documents.withDefaults(input, PlanContent.class, PlanStatus.DRAFT);
    }

    /**
     * Checks a plan update and lays it over the stored document.
     *
     * @param stored the stored document
     * @param input  the changes: non-null fields replace the stored ones
     * @return the merged document
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for missing changes or a too long or
     *         unstorable field
     */
    public static PlanContent planUpdate(PlanContent stored, PlanContent input) {
        Checks.of("plan").required("plan", input).orThrow();
        Documents.checkText(Checks.of("plan"), input).orThrow();
        return Documents.merge(stored, input, PlanContent.class, List.of(), "plan");
    }
}
