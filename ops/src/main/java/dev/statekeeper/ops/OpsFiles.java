package dev.statekeeper.ops;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.AtomicFiles;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The files repair and recover write: backup directories {@code <data dir>/backups/<kind>-<UTC time>/}, copies
 * that are on disk before anything else changes and moving a damaged file aside (replacing a file is
 * {@link AtomicFiles}). Every step is forced to disk before the next, so a crash in between leaves the old state or
 * the new one.
 */
public final class OpsFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private OpsFiles() {
    }

    /** The UTC time as file names carry it: {@code 20260101T120000Z}. */
    public static String stamp(Clock clock) {
        return STAMP.format(clock.instant());
    }

    /**
     * Creates {@code <dataDir>/backups/<kind>-<stamp>/}, 0700 (with {@code -2}, {@code -3}... when a run in the
     * same second made one already) and returns it.
     */
    public static Path backupDirectory(Path dataDir, String kind, String stamp) {
        Path parent = dataDir.toAbsolutePath().resolve("backups");
        try {
            OwnerOnly.createDirectories(parent);
            for (int n = 1; ; n++) {
                Path dir = parent.resolve(kind + "-" + stamp + (n == 1 ? "" : "-" + n));
                if (!Files.exists(dir)) {
                    return OwnerOnly.createDirectory(dir);
                }
            }
        } catch (IOException e) {
            throw failed("create the backup directory in '" + parent + "'", e);
        }
    }

    /** Copies {@code from} to {@code to} (which must not exist) and forces the copy to disk. */
    public static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            force(to);
        } catch (IOException e) {
            throw failed("copy '" + from + "' to '" + to + "'", e);
        }
    }

    /** Renames {@code from} to {@code to} (atomically, in one directory) and forces the directory to disk. */
    public static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(to.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw failed("move '" + from + "' to '" + to + "'", e);
        }
    }

    /** Gives {@code to} the POSIX mode of {@code from} (a private store stays private), where there are modes. */
    public static void copyPermissions(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // no POSIX modes here: the file keeps the default ones
        }
    }

    /** Deletes an empty directory this run made; a failure leaves it behind and is not worth reporting. */
    public static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | UncheckedIOException e) {
            // a leftover empty directory or temporary file does no harm
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static StatekeeperException failed(String what, IOException e) {
        return IoErrors.failed(IoErrors.Access.WRITE, what, e, ErrorCode.CANNOT_OPEN);
    }
}
