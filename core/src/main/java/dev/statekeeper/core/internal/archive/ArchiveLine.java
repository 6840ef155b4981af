package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.error.Violation;

import java.util.List;

/**
 * One record line of an export as read: its number in the file (the header is line 1) and either the record or
 * what keeps it from being one (each problem's field starts with {@code line N}).
 */
public record ArchiveLine(long number, ArchiveRecord record, List<Violation> problems) {
    public ArchiveLine {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return record != null;
    }
}
