package dev.statekeeper.core.archive;

import dev.statekeeper.core.io.OwnerOnly;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Exports written to files atomically: into a temporary file beside the target (0600), synced, then renamed over
 * it, so the target is either the whole export or what it was before (a failed or interrupted export leaves no
 * half file). Only a new path or a regular file is written ({@link OutputPaths}); missing directories are made 0700.
 */
public final class ArchiveFiles {
    private ArchiveFiles() {
    }

    /** Exports everything the archive holds into {@code file} (gzip-compressed when {@code gzip}). */
    public static RecordCounts export(Archive archive, Path file, boolean gzip, Consumer<ArchiveRecord> tap) {
        String target = "export file '" + file + "'";
        Path absolute = file.toAbsolutePath();
        OutputPaths.requireFile(file, "the export");
        Path temp = null;
        try {
            OwnerOnly.createDirectories(absolute.getParent());
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
            RecordCounts counts;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream raw = Channels.newOutputStream(channel);
                OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                ArchiveWriter writer = new ArchiveWriter(out, target);
                archive.export(record -> {
                    tap.accept(record);
                    writer.accept(record);
                });
                counts = writer.finish();
                if (out instanceof GZIPOutputStream z) {
                    z.finish();
                }
                out.flush();
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory(absolute.getParent());
            return counts;
        } catch (IOException e) {
            throw ArchiveIo.writeFailed(target, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the failure that got us here is the one to report
                }
            }
        }
    }

    /** Makes a rename in the directory durable, where the platform allows opening a directory. */
    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // not every platform can sync a directory; the rename itself is atomic either way
        }
    }
}
