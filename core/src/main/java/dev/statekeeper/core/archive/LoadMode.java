package dev.statekeeper.core.archive;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.util.List;
import java.util.Locale;

/** How a load treats what the store already holds. */
public enum LoadMode {
    /** Remove every record first, then insert: the store holds exactly the records loaded. */
    REPLACE,
    /**
     * Keep what the store holds and add the records whose key it does not have. A record whose key exists is
     * skipped when it is identical and refused when it differs: a merge never overwrites.
     */
    MERGE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code replace} or {@code merge}, in any case; VALIDATION_FAILED naming both otherwise. */
    public static LoadMode parse(String text) {
        for (LoadMode mode : values()) {
            if (mode.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return mode;
            }
        }
        throw StatekeeperException.invalid("mode", List.of(new Violation("mode", text, "must be replace or merge")));
    }
}
