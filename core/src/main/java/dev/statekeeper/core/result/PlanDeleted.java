package dev.statekeeper.core.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A project's plan deleted: {@code {"deleted": "plan", "project": ...}}.
 *
 * @param project the plan's project
 */
@JsonPropertyOrder({"deleted", "project"})
public record PlanDeleted(String project) {
    /**
     * What was deleted.
     *
     * @return {@code plan}
     */
    @JsonProperty
    public String deleted() {
        return "plan";
    }
}
