package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document of a technical spec. On input every field may be null: on the first store null means
 * empty, on an update it means "keep the stored value". The four frozen fields (objectives, scope,
 * dependencies, deliverables) cannot change once stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpecContent(
        String title,
        SpecStatus status,
        String objectives,
        String scope,
        String dependencies,
        String deliverables,
        String architecture,
        String technologyStack,
        String functionalRequirements,
        String nonFunctionalRequirements,
        String developmentPlan,
        String testingStrategy,
        String researchRequirements,
        String successCriteria,
        String integrationContext,
        Map<String, String> additionalSections) {

    public static final List<String> FROZEN = List.of("objectives", "scope", "dependencies", "deliverables");

    public SpecContent {
        additionalSections = additionalSections == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(additionalSections));
    }

    public static SpecContent titled(String title) {
        return new SpecContent(title, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
