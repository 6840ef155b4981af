package dev.statekeeper.core.archive;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.error.Checks;

/**
 * A loop's objective feedback text.
 *
 * @param loopId the id of the loop, its key; the loop comes before it in the export or (merging) is in the store
 * @param text   the objective feedback, at most {@value dev.statekeeper.core.domain.CriticFeedback#MAX_TEXT}
 *               characters
 */
public record ObjectiveRecord(String loopId, String text) implements ArchiveRecord {

    @Override
    public RecordKind kind() {
        return RecordKind.OBJECTIVE;
    }

    @Override
    public String key() {
        return loopId;
    }

    @Override
    public String describe() {
        return "objective feedback of loop " + ArchiveRecordChecks.quote(loopId);
    }

    @Override
    public void check(Checks checks) {
        checks.required("loopId", loopId).text("text", text, CriticFeedback.MAX_TEXT);
    }
}
