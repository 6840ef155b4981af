package dev.statekeeper.cli.plan;

import dev.statekeeper.cli.support.GroupCommand;
import picocli.CommandLine.Command;

/** {@code statekeeper plan}: one project plan per project. */
@Command(name = "plan", description = {"Project plans (one per project).",
    "Documents are JSON objects with the fields status (draft, in-review, approved, active, completed, "
            + "cancelled), vision, mission, timeline, budget, objectives, successMetrics, keyPerformanceIndicators, "
            + "includedFeatures, excludedFeatures, assumptions, constraints, projectSponsor, keyStakeholders, "
            + "endUsers, workBreakdown, phasesOverview, projectDependencies, teamStructure, technologyRequirements, "
            + "infrastructureNeeds, identifiedRisks, mitigationStrategies, contingencyPlans, qualityStandards, "
            + "testingStrategy, acceptanceCriteria, reportingStructure, meetingSchedule and documentationStandards."},
        subcommands = {PlanPut.class, PlanGet.class, PlanList.class, PlanDelete.class})
public final class PlanCommand extends GroupCommand {
}
