package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A project plan document: status and the structured plan fields. On input null means empty on the first
 * store and "keep" on later ones. Every text field holds at most 1,000,000 characters.
 *
 * @param status                   the status; {@code draft} when a first store names none
 * @param vision                   the vision
 * @param mission                  the mission
 * @param timeline                 the timeline
 * @param budget                   the budget
 * @param objectives               the objectives
 * @param successMetrics           how success is measured
 * @param keyPerformanceIndicators the key performance indicators
 * @param includedFeatures         the features in scope
 * @param excludedFeatures         the features out of scope
 * @param assumptions              the assumptions
 * @param constraints              the constraints
 * @param projectSponsor           the sponsor
 * @param keyStakeholders          the key stakeholders
 * @param endUsers                 the end users
 * @param workBreakdown            the work breakdown
 * @param phasesOverview           the phases
 * @param projectDependencies      what the project depends on
 * @param teamStructure            the team's structure
 * @param technologyRequirements   the technologies needed
 * @param infrastructureNeeds      the infrastructure needed
 * @param identifiedRisks          the risks
 * @param mitigationStrategies     how the risks are met
 * @param contingencyPlans         what happens if they occur
 * @param qualityStandards         the quality standards
 * @param testingStrategy          the testing strategy
 * @param acceptanceCriteria       the acceptance criteria
 * @param reportingStructure       who reports what to whom
 * @param meetingSchedule          the meetings
 * @param documentationStandards   the documentation standards
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

    /**
     * A document with a vision only.
     *
     * @param vision the vision
     * @return the document, every other field null
     */
    public static PlanContent withVision(String vision) {
        return new PlanContent(null, vision, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
