package dev.statekeeper.core.archive;

import dev.statekeeper.core.internal.archive.ArchiveImport;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * A backend's side of export and import, from {@link dev.statekeeper.core.api.StateStore#archive()}. Records go out
 * and come in with every id, timestamp and version they have, in the order of {@link RecordKind}.
 */
public interface Archive {

    /**
     * Hands every record of one consistent snapshot to {@code out}, kind by kind in {@link RecordKind} order and in
     * a stable order within each kind, so the same state always gives the same records on every backend. Streams:
     * the backend never holds more than a few records at once (memory and json hold everything anyway).
     */
    void export(Consumer<? super ArchiveRecord> out);

    /**
     * A loader that writes records as they are given. {@link LoadMode#REPLACE} first removes every record the
     * store holds; {@link LoadMode#MERGE} adds the records, which must not exist yet (a record whose key exists
     * fails with DUPLICATE). Records must come in {@link RecordKind} order and refer only to records given before
     * or already stored. Nothing is validated here beyond what the store itself refuses: validate first
     * ({@link ArchiveImport}). SQL backends write in batches, one transaction each; memory and json write
     * everything at once in {@link ArchiveLoader#finish()}.
     */
    ArchiveLoader loader(LoadMode mode);

    /** Loads every record of the iterator and finishes. */
    default void load(Iterator<? extends ArchiveRecord> records, LoadMode mode) {
        ArchiveLoader loader = loader(mode);
        records.forEachRemaining(loader);
        loader.finish();
    }
}
