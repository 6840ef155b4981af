package dev.statekeeper.mcp;

import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.SpecContent;

import java.util.Map;

/** What each field of a document (spec, roadmap, plan) holds, for the input schemas of the tools that store them. */
final class DocumentFields {
    private static final Map<String, String> SPEC = Map.of(
            "title", "the spec's title; its normalized form is the spec's name ('User Auth' is 'user-auth')",
            "status", "the spec's status (default draft)",
            "objectives", "what the spec must achieve; frozen after the first version",
            "scope", "what is in and out of scope; frozen after the first version",
            "dependencies", "what the work depends on; frozen after the first version",
            "deliverables", "what the work delivers; frozen after the first version",
            "technologyStack", "languages, frameworks and services used",
            "nonFunctionalRequirements", "performance, security, reliability and other quality requirements",
            "additionalSections", "further sections, as an object of heading: text");

    private static final Map<String, String> ROADMAP = Map.of(
            "title", "the roadmap's title (required on the first store)",
            "status", "the roadmap's status (default draft)");

    private static final Map<String, String> PLAN = Map.of(
            "status", "the plan's status (default draft)",
            "keyPerformanceIndicators", "the plan's key performance indicators (KPIs)");

    private DocumentFields() {
    }

    /**
     * The description of a document field, or null for a text field without a note of its own: its name says what it
     * holds, and tools/list stays short.
     */
    static String describe(Class<?> document, String field) {
        String noun = document == SpecContent.class ? "spec" : document == RoadmapContent.class ? "roadmap"
                : document == PlanContent.class ? "plan" : null;
        if (noun == null) {
            throw new IllegalArgumentException(document.getName() + " is not a document of Statekeeper");
        }
        Map<String, String> notes = noun.equals("spec") ? SPEC : noun.equals("roadmap") ? ROADMAP : PLAN;
        return notes.get(field);
    }
}
