package dev.statekeeper.core.internal.io;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Locale;

/**
 * The one reading of a failed file operation, for every module: what the operating system said, in words
 * ({@link #reason}), the kind of failure ({@link Cause}) and the error code it is ({@link #code}).
 *
 * <ul>
 *   <li>No room: {@code No space left on device} (ENOSPC), {@code Disk quota exceeded} (EDQUOT, "Disc" on BSD),
 *       {@code File too large} (EFBIG) are DISK_FULL, whatever was being done.</li>
 *   <li>{@code Read-only file system} (EROFS) is READ_ONLY.</li>
 *   <li>Permission denied (EACCES) and {@code Operation not permitted} (EPERM) are READ_ONLY for a write; a read that
 *       is refused is what the caller says a failed read is.</li>
 *   <li>Anything else (no such file, not a directory, an I/O error...) is the caller's code for the operation:
 *       CANNOT_OPEN for a store's or an archive's files, CONFIG_INVALID for the config file, INPUT_UNREADABLE for a
 *       command's input.</li>
 * </ul>
 */
public final class IoErrors {
    private static final List<String> NO_SPACE = List.of("no space left on device", "quota exceeded",
            "file too large", "not enough space on the disk");
    private static final String READ_ONLY_FILE_SYSTEM = "read-only file system";
    private static final List<String> NOT_PERMITTED = List.of("permission denied", "operation not permitted");
    private static final String NO_SUCH_FILE = "no such file or directory";

    /** Whether the failed operation was to read or to change something on disk. */
    public enum Access {
        READ,
        /** Creating, writing, renaming, deleting or changing the mode of a file or directory. */
        WRITE
    }

    /** What kind of failure the operating system reported. */
    public enum Cause {
        /** ENOSPC, EDQUOT, EFBIG: no room for what was written. */
        NO_SPACE,
        /** EROFS: the file system is mounted read-only. */
        READ_ONLY_FILE_SYSTEM,
        /** EACCES, EPERM: the file's or directory's permissions (or flags) forbid it. */
        PERMISSION_DENIED,
        /** ENOENT. */
        NOT_FOUND,
        OTHER
    }

    private IoErrors() {
    }

    /**
     * {@code cannot <action>: <reason>} with the code {@link #code} gives, e.g. {@code cannot write export file 'x':
     * No space left on device} (DISK_FULL). {@code action} says what was being done and names the file.
     */
    public static StatekeeperException failed(Access access, String action, IOException e, ErrorCode otherwise) {
        return new StatekeeperException(code(access, e, otherwise), "cannot " + action + ": " + reason(e), e);
    }

    /** Reading {@code what} ("backup file 'x'") failed: CANNOT_OPEN unless the cause says otherwise. */
    public static StatekeeperException cannotRead(String what, IOException e) {
        return failed(Access.READ, "read " + what, e, ErrorCode.CANNOT_OPEN);
    }

    /** Writing {@code what} ("export file 'x'") failed: DISK_FULL, READ_ONLY or CANNOT_OPEN by the cause. */
    public static StatekeeperException cannotWrite(String what, IOException e) {
        return failed(Access.WRITE, "write " + what, e, ErrorCode.CANNOT_OPEN);
    }

    /** The error code of the failure; {@code otherwise} when the cause has no code of its own (see the class). */
    public static ErrorCode code(Access access, IOException e, ErrorCode otherwise) {
        return switch (cause(e)) {
            case NO_SPACE -> ErrorCode.DISK_FULL;
            case READ_ONLY_FILE_SYSTEM -> ErrorCode.READ_ONLY;
            case PERMISSION_DENIED -> access == Access.WRITE ? ErrorCode.READ_ONLY : otherwise;
            case NOT_FOUND, OTHER -> otherwise;
        };
    }

    /** The kind of failure: by the exception's type where Java gives one, else by the operating system's words. */
    public static Cause cause(IOException e) {
        if (e instanceof AccessDeniedException) {
            return Cause.PERMISSION_DENIED;
        }
        if (e instanceof NoSuchFileException) {
            return Cause.NOT_FOUND;
        }
        String words = words(e).toLowerCase(Locale.ROOT);
        if (NO_SPACE.stream().anyMatch(words::contains)) {
            return Cause.NO_SPACE;
        }
        if (words.contains(READ_ONLY_FILE_SYSTEM)) {
            return Cause.READ_ONLY_FILE_SYSTEM;
        }
        if (NOT_PERMITTED.stream().anyMatch(words::contains)) {
            return Cause.PERMISSION_DENIED;
        }
        return words.contains(NO_SUCH_FILE) ? Cause.NOT_FOUND : Cause.OTHER;
    }

    /**
     * Why it failed, in words for a message: "permission denied", "no such file", "it is not UTF-8 text",
     * "'/x' is in the way (it is not a directory)", else the operating system's own reason ("No space left on
     * device", "Is a directory"), without the path Java puts before it (the message names the file).
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return "'" + exists.getFile() + "' " + (exists.getReason() == null ? "already exists"
                    : "is in the way (" + exists.getReason() + ")");
        }
        if (e instanceof FileSystemException fs && fs.getReason() == null) {
            return switch (fs) {
                case DirectoryNotEmptyException d -> "'" + d.getFile() + "' is not empty";
                case NotDirectoryException d -> "'" + d.getFile() + "' is not a directory";
                default -> fs.getClass().getSimpleName() + " '" + fs.getFile() + "'";
            };
        }
        return words(e);
    }

    /** The operating system's text: a file system exception's reason, else the message, else the exception's name. */
    private static String words(IOException e) {
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : "";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
