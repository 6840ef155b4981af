package dev.statekeeper.core.result;

import java.util.List;

/**
 * Ended sessions removed (or, dry, that would be): {@code {"olderThan": ..., "dryRun": ..., "sessions": [...]}}.
 *
 * @param olderThan the age given, as the adapter shows it (e.g. {@code 30d})
 * @param dryRun    whether they were only listed, not removed
 * @param sessions  the names of the sessions, sorted
 */
public record SessionsCleaned(String olderThan, boolean dryRun, List<String> sessions) {
}
