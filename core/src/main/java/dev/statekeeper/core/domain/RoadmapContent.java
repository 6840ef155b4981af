package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A project roadmap document: its title, status and the sixteen planning fields of seed 001. On input
 * null means empty on the first store and "keep" on later ones. Every text field holds at most
 * 1,000,000 characters.
 *
 * @param title                      the title (required on the first store, at most 255 characters)
 * @param status                     the status; {@code draft} when a first store names none
 * @param projectGoal                the project's goal
 * @param totalDuration              how long it takes in all
 * @param teamSize                   the team's size
 * @param budget                     the budget
 * @param criticalPathAnalysis       the critical path
 * @param keyRisks                   the key risks
 * @param mitigationPlans            how the risks are met
 * @param bufferTime                 the time kept in reserve
 * @param developmentResources       the people and tools
 * @param infrastructureRequirements the infrastructure needed
 * @param externalDependencies       what it depends on outside the project
 * @param qualityAssurancePlan       how quality is assured
 * @param technicalMilestones        the technical milestones
 * @param businessMilestones         the business milestones
 * @param qualityGates               the quality gates
 * @param performanceTargets         the performance targets
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

    /**
     * A document with a title only.
     *
     * @param title the title
     * @return the document, every other field null
     */
    public static RoadmapContent titled(String title) {
        return new RoadmapContent(title, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }
}
