package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.internal.io.AtomicFiles;
import dev.statekeeper.core.internal.io.IoErrors;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Exports written to files atomically ({@link AtomicFiles}): into a temporary file beside the target (0600), synced,
 * then renamed over it, so the target is either the whole export or what it was before (a failed or interrupted
 * export leaves no half file). Only a new path or a regular file is written ({@link OutputPaths}); missing
 * directories are made 0700.
 */
public final class ArchiveFiles {
    private ArchiveFiles() {
    }

    /** Exports everything the archive holds into {@code file} (gzip-compressed when {@code gzip}). */
    public static RecordCounts export(Archive archive, Path file, boolean gzip, Consumer<ArchiveRecord> tap) {
        String target = "export file '" + file + "'";
        OutputPaths.requireFile(file, "the export");
        try {
            return AtomicFiles.replace(file).creatingDirectories().onlyOverRegularFile().write(raw -> {
                OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                ArchiveWriter writer = new ArchiveWriter(out, target);
                archive.export(record -> {
                    tap.accept(record);
                    writer.accept(record);
                });
                RecordCounts counts = writer.finish();
                out.close(); // the gzip trailer; the file itself stays open to be synced
                return counts;
            });
        } catch (IOException e) {
            throw IoErrors.cannotWrite(target, e);
        }
    }
}
