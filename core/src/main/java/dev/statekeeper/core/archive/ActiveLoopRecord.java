package dev.statekeeper.core.archive;

import dev.statekeeper.core.error.Checks;

/**
 * An entry of the bounded active-loop history. The entries come oldest first; a load keeps the newest
 * STATEKEEPER_LOOP_HISTORY_SIZE of them, as creating the loops one after another would. Merging, the entries
 * loaded become newer than those the store had.
 *
 * @param loopId the id of the loop, which comes before it in the export or (merging) is in the store
 */
public record ActiveLoopRecord(String loopId) implements ArchiveRecord {

    @Override
    public RecordKind kind() {
        return RecordKind.ACTIVE_LOOP;
    }

    @Override
    public String key() {
        return loopId;
    }

    @Override
    public String describe() {
        return "active-loop entry of loop " + ArchiveRecordChecks.quote(loopId);
    }

    @Override
    public void check(Checks checks) {
        checks.required("loopId", loopId);
    }
}
