package dev.statekeeper.ops.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.AtomicFiles;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.IoErrors.Access;
import dev.statekeeper.core.internal.io.OwnerOnly;
import dev.statekeeper.json.internal.JsonStoreFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.concurrent.locks.LockSupport;

/**
 * The files of a json store as the json backend lays them out: {@code state.json} in the data directory (the
 * file a symbolic link points to), its backups {@code state.json.1} (newest) and up, the temporary file a write
 * goes through and the lock file writers take, holding their pid. Documents are written as the backend writes
 * them ({@link JsonStoreFormat}).
 */
public final class JsonFiles {
    static final String FORMAT = JsonStoreFormat.FORMAT;
    static final int VERSION = JsonStoreFormat.VERSION;
    private static final int MAX_BACKUPS = 100;

    private JsonFiles() {
    }

    /** The store's file: state.json in the data directory, or the file a symbolic link there points to. */
    public static Path file(Settings settings) {
        Path file = settings.dataDir().resolve("state.json").toAbsolutePath().normalize();
        try {
            return Files.isSymbolicLink(file) ? file.toRealPath() : file;
        } catch (IOException e) {
            return file;
        }
    }

    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    static Path newestBackup(Path file) {
        for (int n = 1; n <= MAX_BACKUPS; n++) {
            if (Files.exists(sibling(file, "." + n))) {
                return sibling(file, "." + n);
            }
        }
        return null;
    }

    /** The backups, newest first. */
    static List<Path> backups(Path file) {
        return IntStream.rangeClosed(1, MAX_BACKUPS).mapToObj(n -> sibling(file, "." + n))
                .filter(Files::exists).toList();
    }

    static byte[] encode(JsonNode document) {
        try {
            return JsonStoreFormat.write(document);
        } catch (JsonProcessingException e) {
            throw new StatekeeperException(ErrorCode.INTERNAL, "cannot write a json store document: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Work done while holding the store's lock. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} holding the store's lock as a writer of the backend does (the lock file, with this
     * process's pid in it), waiting up to {@code timeout} for another writer.
     */
    @SuppressWarnings("try") // the lock is held for the block, never referenced in it
    static <T> T locked(Path file, Duration timeout, Locked<T> work) {
        try (FileChannel lockFile = FileChannel.open(sibling(file, ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock held = lock(lockFile, file, timeout)) {
            lockFile.truncate(0);
            lockFile.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return work.run();
        } catch (IOException e) {
            throw IoErrors.failed(Access.WRITE, "write json store '" + file + "'", e, ErrorCode.CANNOT_OPEN);
        }
    }

    /** Replaces the file with the document (atomically: a temporary file renamed over it); hold the lock. */
    static void replace(Path file, JsonNode document) {
        replace(file, sibling(file, ".tmp"), document);
    }

    /**
     * Replaces {@code file} with the document through the temporary file {@code temp} ({@link AtomicFiles}), keeping
     * the file's mode (a new file is 0600).
     */
    static void replace(Path file, Path temp, JsonNode document) {
        try {
            AtomicFiles.replace(file).through(temp).keepingMode(OwnerOnly.FILE).write(encode(document));
        } catch (IOException e) {
            throw IoErrors.failed(Access.WRITE, "write '" + file + "' (it is unchanged)", e, ErrorCode.CANNOT_OPEN);
        }
    }

    private static FileLock lock(FileChannel channel, Path file, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // a store of this process holds it: wait as for another process
            }
            if (System.nanoTime() >= deadline) {
                throw new StatekeeperException(ErrorCode.DATABASE_BUSY, "json store '" + file + "' is locked by another "
                        + "writer; gave up after the lock timeout of " + timeout.toMillis() + " ms ("
                        + Setting.JSON_LOCK_TIMEOUT.variable() + ")");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
