package dev.statekeeper.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code db status} shows: backend, where the data lives (secrets masked), the schema version
 * (null where the backend has none), the number of records of each kind, in the order the backend lists them,
 * and the bytes the store takes on disk by what holds them (file names such as {@code state.db} and
 * {@code state.db-wal}, or {@code database} for a server's database; none for memory), in the backend's order.
 *
 * @param backend       the backend's name
 * @param location      where the data lives, passwords masked
 * @param schemaVersion the schema or format version, or null where the backend has none (memory)
 * @param counts        records by kind ({@code loops}, {@code feedback}, {@code specs}, ...), in the backend's order
 * @param sizes         bytes on disk by what holds them; null is none
 */
public record StoreInfo(String backend, String location, String schemaVersion, Map<String, Long> counts,
                        Map<String, Long> sizes) {
    /** Copies the maps, keeping their order; the record's maps are unmodifiable. */
    public StoreInfo {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        sizes = sizes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    }

    /**
     * A store that takes no room on disk (or does not say).
     *
     * @param backend       the backend's name
     * @param location      where the data lives, passwords masked
     * @param schemaVersion the schema or format version, or null
     * @param counts        records by kind
     */
    public StoreInfo(String backend, String location, String schemaVersion, Map<String, Long> counts) {
        this(backend, location, schemaVersion, counts, Map.of());
    }
}
