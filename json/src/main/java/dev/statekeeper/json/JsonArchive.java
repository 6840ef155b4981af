package dev.statekeeper.json;

import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.SnapshotLoader;
import dev.statekeeper.core.archive.SnapshotRecords;
import dev.statekeeper.core.error.StatekeeperException;

import java.util.function.Consumer;

/**
 * The json store's archive, through its memory model: an export is the records of one snapshot read under the
 * store's monitor (the file as it is now); a load collects the records and writes them at
 * {@link ArchiveLoader#finish()} in one atomic write of the file, under the store's lock. A refused load leaves the
 * file as it was.
 */
final class JsonArchive implements Archive {
    private final JsonStateStore store;

    JsonArchive(JsonStateStore store) {
        this.store = store;
    }

    @Override
    public void export(Consumer<? super ArchiveRecord> out) {
        SnapshotRecords.emit(store.snapshot(), out);
    }

    @Override
    public ArchiveLoader loader(LoadMode mode) {
        SnapshotLoader records = new SnapshotLoader();
        return new ArchiveLoader() {
            @Override
            public void accept(ArchiveRecord record) {
                records.add(record);
            }

            @Override
            public void finish() {
                try {
                    store.replaceAll(current -> records.result(current, mode));
                } catch (StatekeeperException e) {
                    throw mode == LoadMode.MERGE ? SnapshotLoader.refusedMerge("json", e) : e;
                }
            }
        };
    }
}
