package dev.statekeeper.core.archive;

import java.util.function.Consumer;

/** Writes records into a store as {@link Archive#loader} describes; {@link #finish()} writes what is still pending. */
public interface ArchiveLoader extends Consumer<ArchiveRecord> {

    /** Writes the records not written yet and completes the load (trims the active-loop history). */
    void finish();
}
