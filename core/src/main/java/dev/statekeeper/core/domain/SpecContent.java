package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document of a technical spec. On input every field may be null: on the first store null means
 * empty, on an update it means "keep the stored value". The four frozen fields (objectives, scope,
 * dependencies, deliverables) cannot change once stored. Every text field holds at most
 * 1,000,000 characters, as does each additional section.
 *
 * @param title                     the title, whose normalized form is the spec's name (required on the first
 *                                  store, at most 255 characters)
 * @param status                    the status; {@code draft} when a first store names none
 * @param objectives                what the spec is to achieve (frozen)
 * @param scope                     what it covers and what not (frozen)
 * @param dependencies              what it depends on (frozen)
 * @param deliverables              what it delivers (frozen)
 * @param architecture              the architecture
 * @param technologyStack           the technologies used
 * @param functionalRequirements    the functional requirements
 * @param nonFunctionalRequirements the non-functional requirements
 * @param developmentPlan           the development plan
 * @param testingStrategy           the testing strategy
 * @param researchRequirements      what needs research first
 * @param successCriteria           how success is judged
 * @param integrationContext        how it fits with the rest
 * @param additionalSections        further sections by heading, in order
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

    /** The fields that cannot change after the first version, by their names. */
    public static final List<String> FROZEN = List.of("objectives", "scope", "dependencies", "deliverables");

    /** Copies the additional sections, keeping their order; the record's map is unmodifiable (null stays null). */
    public SpecContent {
        additionalSections = additionalSections == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(additionalSections));
    }

    /**
     * A document with a title only: a spec's smallest first store, or an update that changes nothing but bumps the
     * version.
     *
     * @param title the title
     * @return the document, every other field null
     */
    public static SpecContent titled(String title) {
        return new SpecContent(title, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
