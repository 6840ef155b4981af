package dev.statekeeper.ops;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code db verify --repair} did: the findings before, where it put the backup it took first (null when
 * there was nothing to repair, so nothing was written), every change it made, notes on what it left alone and
 * why, and the findings of the verification it ran afterwards.
 */
public record RepairReport(VerifyReport before, Path backup, List<String> changes, List<String> notes,
                           VerifyReport after) {
    public RepairReport {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    /** Nothing was written: the store had nothing repair may fix (or nothing at all to check). */
    public static RepairReport unchanged(VerifyReport report, List<String> notes) {
        return new RepairReport(report, null, List.of(), notes, report);
    }
}
