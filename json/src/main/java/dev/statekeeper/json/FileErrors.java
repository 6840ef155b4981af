package dev.statekeeper.json;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.IoErrors.Access;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The json backend's failures. Each message names the file, says what is wrong and how to fix it; none
 * advises deleting the store, and a damaged file is always reported as damaged, never read as empty.
 */
final class FileErrors {
    /** What the messages call the store's file. */
    static final String STORE = "json store";

    private FileErrors() {
    }

    /** The file is gone though its backups are there: it was moved or deleted, so it is not started afresh. */
    static StatekeeperException missing(Path file, Path backup) {
        return new StatekeeperException(ErrorCode.CANNOT_OPEN, "json store '" + file + "' is missing but its backup '"
                + backup + "' exists, so it was moved or deleted: copy the backup back (cp '" + backup + "' '" + file
                + "') or, to start an empty store, move the backups away");
    }

    /** The file is a symbolic link to nothing: the place it points to may be on a disk that is not mounted. */
    static StatekeeperException danglingLink(Path file) {
        String target;
        try {
            target = Files.readSymbolicLink(file).toString();
        } catch (IOException e) {
            target = "(unreadable: " + IoErrors.reason(e) + ")";
        }
        return new StatekeeperException(ErrorCode.CANNOT_OPEN, "json store '" + file + "' is a symbolic link to '"
                + target + "', which does not exist: mount or restore it, or remove the link to start an empty store");
    }

    /** The file was deleted while this store had it open, and no backup is left. */
    static StatekeeperException vanished(Path file) {
        return new StatekeeperException(ErrorCode.CANNOT_OPEN, "json store '" + file
                + "' was deleted while the store was open: put the file back, or reopen the store to start an empty one");
    }

    static StatekeeperException unreadable(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new StatekeeperException(ErrorCode.CANNOT_OPEN, "cannot read json store '" + file
                    + "': permission denied; make it readable: chmod u+rw '" + file + "'", e);
        }
        return IoErrors.failed(Access.READ, "read json store '" + file + "'", e, ErrorCode.CANNOT_OPEN);
    }

    static StatekeeperException cannotCreateDirectory(Path directory, Path file, IOException e) {
        return IoErrors.failed(Access.WRITE, "create the directory '" + directory + "' of json store '" + file + "'", e,
                ErrorCode.CANNOT_OPEN);
    }

    /** The file exists but its permissions forbid writing: the owner made the store read-only. */
    static StatekeeperException readOnly(Path file) {
        return new StatekeeperException(ErrorCode.READ_ONLY, "json store '" + file
                + "' is read-only (no write permission); make it writable: chmod u+w '" + file + "'");
    }

    /**
     * A write that failed: on the directory, the temporary file, the lock file or a backup. A permission problem
     * names what to chmod: the file when it exists, else the directory it was to be created in.
     */
    static StatekeeperException writeFailed(Path file, IOException e) {
        return writeFailed(STORE, file, e);
    }

    /** {@link #writeFailed(Path, IOException)} of another file of the store: {@code what} names it ("operation log"). */
    static StatekeeperException writeFailed(String what, Path file, IOException e) {
        String prefix = "cannot write " + what + " '" + file + "': ";
        String kept = Files.exists(file) ? "; the previous version is kept" : "";
        ErrorCode code = IoErrors.code(Access.WRITE, e, ErrorCode.CANNOT_OPEN);
        if (e instanceof AccessDeniedException denied) {
            Path where = denied.getFile() == null ? file.getParent() : Path.of(denied.getFile());
            where = Files.exists(where) ? where : where.getParent();
            return new StatekeeperException(code, prefix + "permission denied on '" + where + "'" + kept
                    + "; make it writable: chmod u+w '" + where + "'", e);
        }
        String fix = switch (IoErrors.cause(e)) {
            case NO_SPACE -> "; free space or move " + Setting.DATA_DIR.variable() + " to a larger disk";
            case READ_ONLY_FILE_SYSTEM -> "; remount it writable or point " + Setting.DATA_DIR.variable()
                    + " at a writable place";
            case PERMISSION_DENIED, NOT_FOUND, OTHER -> "";
        };
        return new StatekeeperException(code, prefix + IoErrors.reason(e) + kept + fix, e);
    }

    /**
     * The file cannot be read as a store: bad JSON, a bad field, an inconsistent record. {@code where} is
     * empty or " at line L, column C". The file is left alone, and the fix offers the newest backup when one exists.
     */
    static StatekeeperException corrupt(StorePaths paths, String where, String detail, Throwable cause) {
        Path backup = paths.newestBackup();
        String restore = backup == null ? " (there is no backup)"
                : ", or restore the newest backup (cp '" + backup + "' '" + paths.file() + "')";
        return new StatekeeperException(ErrorCode.CORRUPT, "json store '" + paths.file() + "' is corrupt" + where + ": "
                + detail + "; the file is kept as it is and nothing is written over it: run 'statekeeper db recover'"
                + restore, cause);
    }

    static StatekeeperException newerFormat(Path file, int version, int supported) {
        return new StatekeeperException(ErrorCode.MIGRATION_DRIFT, "json store '" + file + "' has format version "
                + version + ", newer than this build's " + supported + "; use a newer statekeeper");
    }

    /** Another process (or, past the same timeout, another thread of this one) holds the lock. */
    static StatekeeperException busy(Path file, Long pid, Duration timeout) {
        return busy(STORE, file, pid, timeout);
    }

    /** {@link #busy(Path, Long, Duration)} of another file of the store: {@code what} names it ("operation log"). */
    static StatekeeperException busy(String what, Path file, Long pid, Duration timeout) {
        String holder = pid == null ? "another process (its pid is not recorded yet)" : "pid " + pid;
        return new StatekeeperException(ErrorCode.DATABASE_BUSY, what + " '" + file + "' is locked by " + holder
                + "; gave up after the lock timeout of " + timeout.toMillis() + " ms ("
                + Setting.JSON_LOCK_TIMEOUT.variable() + ")");
    }

    static StatekeeperException interrupted(String what, Path file, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new StatekeeperException(ErrorCode.DATABASE_BUSY, "interrupted while waiting for the lock of " + what
                + " '" + file + "'", e);
    }
}
