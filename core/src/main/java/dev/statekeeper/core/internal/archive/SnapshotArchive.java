package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemorySnapshot;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The archive of a store that keeps its records as a {@link MemorySnapshot} (memory, and json through its memory
 * model): an export is the records of one snapshot; a load collects the records and replaces the store's
 * content with them at {@link ArchiveLoader#finish()}, all at once, so a refused load changes nothing.
 */
public final class SnapshotArchive implements Archive {
    private final String backend;
    private final Supplier<MemorySnapshot> snapshot;
    private final Consumer<UnaryOperator<MemorySnapshot>> replace;

    /**
     * @param backend  the backend's name, for messages
     * @param snapshot one consistent snapshot of the store's records
     * @param replace  replaces the store's records atomically with what the operator makes of the current ones
     */
    public SnapshotArchive(String backend, Supplier<MemorySnapshot> snapshot,
                           Consumer<UnaryOperator<MemorySnapshot>> replace) {
        this.backend = backend;
        this.snapshot = snapshot;
        this.replace = replace;
    }

    @Override
    public void export(Consumer<? super ArchiveRecord> out) {
        SnapshotRecords.emit(snapshot.get(), out);
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
                    replace.accept(current -> records.result(current, mode));
                } catch (StatekeeperException e) {
                    throw mode == LoadMode.MERGE ? SnapshotLoader.refusedMerge(backend, e) : e;
                }
            }
        };
    }
}
