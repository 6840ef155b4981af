package dev.statekeeper.core.internal.archive;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code manifest.json} of a backup: what it holds and how to check it. {@code file} is the export beside it,
 * {@code bytes} and {@code sha256} its size and checksum, {@code counts} the records per kind
 * ({@link RecordCounts#summaryWithEvents()}: with the events of the change history since export format version 2;
 * a manifest of an older backup has no {@code events}), {@code backend} and {@code location} the store it was taken
 * from (no password).
 */
public record BackupManifest(String format, int version, String name, Instant createdAt, String backend,
                             String location, String statekeeperVersion, String file, long bytes, String sha256,
                             Map<String, Long> counts) {
    public static final String FORMAT = "statekeeper-backup";
    public static final int VERSION = 1;

    public BackupManifest {
        counts = counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** Every record of the backup (each loop one, with its feedback; the history's events are not records). */
    public long records() {
        return counts.entrySet().stream()
                .filter(e -> !e.getKey().equals("feedback") && !e.getKey().equals("specRevisions")
                        && !e.getKey().equals("events"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
