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
     * Keep what the store holds and add the records whose key it does not have. An import ({@code db import},
     * {@code db copy --mode merge}) skips a record the store has identical and refuses, before writing anything,
     * one it has with other content: a merge never overwrites. The loader itself ({@link Archive#loader}) skips
     * nothing: a key the store has fails with {@link dev.statekeeper.core.error.ErrorCode#DUPLICATE}.
     */
    MERGE;

    /**
     * The mode's name in lower case, as the CLI's {@code --mode} option takes it and its output shows it.
     *
     * @return {@code replace} or {@code merge}
     */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode a text names, as the CLI's {@code --mode} option takes it.
     *
     * @param text {@code replace} or {@code merge}, in any case, surrounding spaces ignored
     * @return the mode
     * @throws StatekeeperException {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for any other
     *         text or null: {@code invalid mode: mode = 'upsert': must be replace or merge}
     */
    public static LoadMode parse(String text) {
        for (LoadMode mode : values()) {
            if (mode.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return mode;
            }
        }
        throw StatekeeperException.invalid("mode", List.of(new Violation("mode", text, "must be replace or merge")));
    }
}
