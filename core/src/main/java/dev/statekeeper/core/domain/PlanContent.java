package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A project plan document: status and the structured plan fields. On input null means empty on the first
 * store and "keep" on later ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanContent(
        PlanStatus status,
        String vision,
        String mission,
        String timeline,
        String budget,
        String objectives,
        String successMetrics,
        String keyPerformanceIndicators,
        String includedFeatures,
        String excludedFeatures,
        String assumptions,
        String constraints,
        String projectSponsor,
        String keyStakeholders,
        String endUsers,
        String workBreakdown,
        String phasesOverview,
        String projectDependencies,
        String teamStructure,
        String technologyRequirements,
        String infrastructureNeeds,
        String identifiedRisks,
        String mitigationStrategies,
        String contingencyPlans,
        String qualityStandards,
        String testingStrategy,
        String acceptanceCriteria,
        String reportingStructure,
        String meetingSchedule,
        String documentationStandards) {

    public static PlanContent withVision(String vision) {
        return new PlanContent(null, vision, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
