package dev.statekeeper.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code db status} shows: backend, where the data lives (secrets masked), the schema version
 * (null where the backend has none) and the number of records of each kind, in the order the backend lists them.
 */
public record StoreInfo(String backend, String location, String schemaVersion, Map<String, Long> counts) {
    public StoreInfo {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
