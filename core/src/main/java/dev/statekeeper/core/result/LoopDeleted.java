package dev.statekeeper.core.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A loop deleted with everything it held: {@code {"deleted": "loop", "id": ...}}.
 *
 * @param id the loop's id
 */
@JsonPropertyOrder({"deleted", "id"})
public record LoopDeleted(String id) {
    /**
     * What was deleted.
     *
     * @return {@code loop}
     */
    @JsonProperty
    public String deleted() {
        return "loop";
    }
}
