package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemorySnapshot;

import dev.statekeeper.core.internal.events.EventJournal;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The archive of a store that keeps its records as a {@link MemorySnapshot} and its change history in an
 * {@link EventJournal} (memory, and json through its memory model): an export is the records and history of one
 * snapshot; a load collects the records and replaces the store's content and history with them at
 * {@link ArchiveLoader#finish()}, all at once, so a refused load changes nothing.
 */
public final class SnapshotArchive implements Archive {
    private final String backend;
    private final Supplier<Contents> contents;
    private final BiConsumer<UnaryOperator<MemorySnapshot>, UnaryOperator<EventJournal.State>> replace;

    /**
     * What a store holds at one moment: its records and its change history.
     *
     * @param records the records
     * @param history the change history (its request keys are not exported)
     */
    public record Contents(MemorySnapshot records, EventJournal.State history) {
    }

    /**
     * @param backend  the backend's name, for messages
     * @param contents one consistent snapshot of the store's records and history
     * @param replace  replaces the store's records and history atomically with what the operators make of the
     *                 current ones
     */
    public SnapshotArchive(String backend, Supplier<Contents> contents,
                           BiConsumer<UnaryOperator<MemorySnapshot>, UnaryOperator<EventJournal.State>> replace) {
        this.backend = backend;
        this.contents = contents;
        this.replace = replace;
    }

    @Override
    public void export(Consumer<? super ArchiveRecord> out) {
        Contents now = contents.get();
        SnapshotRecords.emit(now.records(), now.history(), out);
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
                    replace.accept(current -> records.result(current, mode), current -> records.history(current, mode));
                } catch (StatekeeperException e) {
                    throw mode == LoadMode.MERGE ? SnapshotLoader.refusedMerge(backend, e) : e;
                }
            }
        };
    }
}
