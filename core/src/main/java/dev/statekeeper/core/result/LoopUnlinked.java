package dev.statekeeper.core.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A loop's link to its spec removed (the spec stays): {@code {"loopId": ..., "unlinked": true}}.
 *
 * @param loopId the loop's id
 */
@JsonPropertyOrder({"loopId", "unlinked"})
public record LoopUnlinked(String loopId) {
    /**
     * Always true: the loop has no link now.
     *
     * @return true
     */
    @JsonProperty
    public boolean unlinked() {
        return true;
    }
}
