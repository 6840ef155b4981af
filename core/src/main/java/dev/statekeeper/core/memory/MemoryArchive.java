package dev.statekeeper.core.memory;

import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.SnapshotLoader;
import dev.statekeeper.core.archive.SnapshotRecords;
import dev.statekeeper.core.error.StatekeeperException;

import java.util.function.Consumer;

/**
 * The memory store's archive: an export is the records of one snapshot taken under the store's lock; a load
 * collects the records and replaces the store's content with them at {@link ArchiveLoader#finish()}, all at once
 * (a refused load changes nothing).
 */
final class MemoryArchive implements Archive {
    private final MemoryStateStore store;

    MemoryArchive(MemoryStateStore store) {
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
                    store.replace(current -> records.result(current, mode));
                } catch (StatekeeperException e) {
                    throw mode == LoadMode.MERGE ? SnapshotLoader.refusedMerge("memory", e) : e;
                }
            }
        };
    }
}
