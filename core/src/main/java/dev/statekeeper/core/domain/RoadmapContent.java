package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A project roadmap document: its title, status and the sixteen planning fields of seed 001. On input
 * null means empty on the first store and "keep" on later ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoadmapContent(
        String title,
        RoadmapStatus status,
        String projectGoal,
        String totalDuration,
        String teamSize,
        String budget,
        String criticalPathAnalysis,
        String keyRisks,
        String mitigationPlans,
        String bufferTime,
        String developmentResources,
        String infrastructureRequirements,
        String externalDependencies,
        String qualityAssurancePlan,
        String technicalMilestones,
        String businessMilestones,
        String qualityGates,
        String performanceTargets) {

    public static RoadmapContent titled(String title) {
        return new RoadmapContent(title, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }
}
