package dev.statekeeper.core.result;

import java.util.List;

/**
 * Completed loops removed (or, dry, that would be): {@code {"olderThan": ..., "dryRun": ..., "loops": [...]}}.
 *
 * @param olderThan the age given, as the adapter shows it (e.g. {@code 30d})
 * @param dryRun    whether they were only listed, not removed
 * @param loops     the ids of the loops, sorted
 */
public record LoopsCleaned(String olderThan, boolean dryRun, List<String> loops) {
}
