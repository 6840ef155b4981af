package dev.statekeeper.core.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A spec deleted with all its versions and links: {@code {"deleted": "spec", "project": ..., "name": ...}}.
 *
 * @param project the spec's project
 * @param name    the spec's normalized name
 */
@JsonPropertyOrder({"deleted", "project", "name"})
public record SpecDeleted(String project, String name) {
    /**
     * What was deleted.
     *
     * @return {@code spec}
     */
    @JsonProperty
    public String deleted() {
        return "spec";
    }
}
