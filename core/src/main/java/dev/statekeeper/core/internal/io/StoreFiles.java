package dev.statekeeper.core.internal.io;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A store's file must be a regular file or not exist yet. Anything else at its path is refused before it is opened:
 * reading a FIFO blocks forever, SQLite fails on a device with a misleading I/O error after creating
 * {@code PATH-journal} beside it, and a recovery would move the device aside and put a file in its place.
 */
public final class StoreFiles {
    private StoreFiles() {
    }

    /**
     * Returns {@code file} when it is a regular file (or a link to one) or does not exist; else CANNOT_OPEN naming
     * what is there. {@code what} names the store: "sqlite database", "json store".
     */
    public static Path requireFileOrNothing(Path file, String what) {
        if (!Files.exists(file) || Files.isRegularFile(file)) {
            return file;
        }
        throw new StatekeeperException(ErrorCode.CANNOT_OPEN, what + " '" + file + "' is " + kind(file) + ", not a "
                + "file; point the settings (DATABASE_URL sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a "
                + "place for a new one");
    }

    private static String kind(Path file) {
        String kind = typeOf(file);
        return kind == null ? "not a regular file" : kind;
    }

    /**
     * What is at the path when it is not a regular file ("a directory", "a FIFO (named pipe)"...), by the file type
     * bits of its mode where the platform gives them; null when they do not say.
     */
    public static String typeOf(Path file, LinkOption... options) {
        if (Files.isDirectory(file, options)) {
            return "a directory";
        }
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode", options) & 0170000;
            return switch (type) {
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                case 0120000 -> "a symbolic link";
                default -> null;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
