package dev.statekeeper.cli.roadmap;

import dev.statekeeper.cli.support.GroupCommand;
import picocli.CommandLine.Command;

/** {@code statekeeper roadmap}: one roadmap per project. */
@Command(name = "roadmap", description = {"Project roadmaps (one per project).",
    "Documents are JSON objects with the fields title, status (draft, in-review, approved, in-progress, "
            + "completed, blocked), projectGoal, totalDuration, teamSize, budget, criticalPathAnalysis, keyRisks, "
            + "mitigationPlans, bufferTime, developmentResources, infrastructureRequirements, externalDependencies, "
            + "qualityAssurancePlan, technicalMilestones, businessMilestones, qualityGates and performanceTargets."},
        subcommands = {RoadmapPut.class, RoadmapGet.class})
public final class RoadmapCommand extends GroupCommand {
}
