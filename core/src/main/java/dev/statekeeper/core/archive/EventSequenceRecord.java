package dev.statekeeper.core.archive;

import dev.statekeeper.core.error.Checks;

/**
 * The newest sequence number the store's change history gave, written once after the events (export format version
 * 2) when the history numbered any event: events pruned by retention keep their numbers used, so a store loading the
 * export numbers its next event one more than this, never reusing one. At least the sequence of every
 * {@link EventRecord} before it.
 *
 * @param lastSequence the newest sequence given
 */
public record EventSequenceRecord(long lastSequence) implements ArchiveRecord {
    /** Its key: an export holds at most one. */
    public static final String KEY = "lastSequence";

    @Override
    public RecordKind kind() {
        return RecordKind.EVENT_SEQUENCE;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        return "the event sequence";
    }

    @Override
    public void check(Checks checks) {
        checks.atLeast("lastSequence", lastSequence, 1);
    }
}
