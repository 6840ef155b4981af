package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.LoadMode;

/**
 * What an import or a copy wrote: the records loaded, and (merging) those the store had already, identical; the
 * {@link RecordCounts#events()} of {@code skipped} are the events a merge left out because the store keeps its own
 * change history.
 */
public record ImportResult(LoadMode mode, RecordCounts loaded, RecordCounts skipped) {
}
