package dev.statekeeper.core.archive;

import java.util.Iterator;
import java.util.function.Consumer;

/**
 * A backend's side of export and import, from {@link dev.statekeeper.core.api.StateStore#archive()}. Records go out
 * and come in with every id, timestamp and version they have, in the order of {@link RecordKind}.
 *
 * <p>This is the raw side: it neither reads nor writes export files and validates nothing. The CLI's
 * {@code db import} checks every line of a file first ({@code ArchiveImport}: {@link ArchiveRecord#check}, kind
 * order, keys, references), reporting every problem before anything is written, and only then loads.
 */
public interface Archive {

    /**
     * Hands every record of one consistent snapshot to {@code out}, kind by kind in {@link RecordKind} order and in
     * a stable order within each kind, so the same state always gives the same records on every backend; the change
     * history comes last, read in the same snapshot: its events in sequence order ({@link EventRecord}), then its
     * last sequence when it gave any ({@link EventSequenceRecord}). Request keys are not exported. Streams:
     * the SQL backends build one record at a time inside one read-only snapshot transaction, during which
     * {@code out} runs (memory and json hold everything anyway).
     *
     * @param out receives each record; what it throws ends the export and comes out of this method
     * @throws dev.statekeeper.core.error.StatekeeperException as any read of the store may, when it cannot answer
     */
    void export(Consumer<? super ArchiveRecord> out);

    /**
     * A loader that writes records as they are given. {@link LoadMode#REPLACE} first removes every record the
     * store holds; {@link LoadMode#MERGE} adds the records, which must not exist yet (a record whose key exists
     * fails with {@link dev.statekeeper.core.error.ErrorCode#DUPLICATE}: skipping identical records is the import's
     * part, not the loader's). Records must come in {@link RecordKind} order and refer only to records given before
     * or already stored. Nothing is validated here beyond what the store itself refuses: validate first.
     *
     * <p>The change history: replacing, the store's events and last sequence become the ones given (none when none
     * are); merging, events given to a store whose history is empty become its history, and events given to a store
     * with its own history (any sequence given) fail with {@link dev.statekeeper.core.error.ErrorCode#DUPLICATE}
     * (the import leaves them out first). The next write numbers its event one more than the last sequence loaded.
     * The store's request keys stay as they are.
     *
     * <p>The SQL backends write in batches of 500 records, one transaction each (replacing, the first also deletes
     * everything), so a load that fails halfway leaves the batches before it written, and a replace can simply be
     * run again. Memory and json write everything at once in {@link ArchiveLoader#finish()}, so a refused or
     * abandoned load changes nothing.
     *
     * @param mode whether the load replaces the store's records or adds to them
     * @return a new loader; give it the records, then call {@link ArchiveLoader#finish()}
     */
    ArchiveLoader loader(LoadMode mode);

    /**
     * Loads every record of the iterator with a {@link #loader(LoadMode)} and finishes.
     *
     * @param records the records, in {@link RecordKind} order
     * @param mode    whether the load replaces the store's records or adds to them
     * @throws dev.statekeeper.core.error.StatekeeperException what the loader or the store refuses, e.g.
     *         {@link dev.statekeeper.core.error.ErrorCode#DUPLICATE} for a key the store has already
     */
    default void load(Iterator<? extends ArchiveRecord> records, LoadMode mode) {
        ArchiveLoader loader = loader(mode);
        records.forEachRemaining(loader);
        loader.finish();
    }
}
