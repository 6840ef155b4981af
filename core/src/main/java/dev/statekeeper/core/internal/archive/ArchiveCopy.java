package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.internal.io.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies every record of one store into another, whatever their backends. Replacing, the source's export streams
 * straight into the target's loader (batched writes; memory stays flat); an interruption leaves the source as it
 * was and the target rerunnable, as a replace clears it first. Merging, the export is spooled to a temporary file
 * and imported from there, so that every conflict is found before anything is written.
 */
public final class ArchiveCopy {
    private ArchiveCopy() {
    }

    /** @param expected about how many records the source holds, for the progress (-1 when unknown) */
    public static ImportResult run(StateStore source, StateStore target, LoadMode mode, long expected, Progress progress) {
        return run(source, target, mode, expected, progress, () -> { });
    }

    /** As {@link #run(StateStore, StateStore, LoadMode, long, Progress)}, running {@code beforeWriting} first. */
    public static ImportResult run(StateStore source, StateStore target, LoadMode mode, long expected, Progress progress,
                                   Runnable beforeWriting) {
        if (mode == LoadMode.MERGE) {
            return merge(source, target, progress, beforeWriting);
        }
        beforeWriting.run();
        RecordCounts counts = new RecordCounts();
        ArchiveLoader loader = target.archive().loader(mode);
        progress.begin("copying", expected);
        source.archive().export(record -> {
            counts.accept(record);
            loader.accept(record);
            progress.advance();
        });
        loader.finish();
        progress.end();
        return new ImportResult(mode, counts, new RecordCounts());
    }

    private static ImportResult merge(StateStore source, StateStore target, Progress progress, Runnable beforeWriting) {
        Path spool = null;
        try {
            spool = Files.createTempFile("statekeeper-copy-", ".jsonl.gz");
            progress.begin("exporting", -1);
            ArchiveFiles.export(source.archive(), spool, true, record -> progress.advance());
            progress.end();
            return ArchiveImport.run(target, ArchiveSource.of(spool), LoadMode.MERGE, progress, checked -> beforeWriting.run());
        } catch (IOException e) {
            throw IoErrors.cannotWrite("a temporary file for the copy", e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file left behind is no reason to fail a copy that succeeded
                }
            }
        }
    }
}
