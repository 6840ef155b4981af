package dev.statekeeper.doctor.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What is at a store's path when it is not a regular file: a directory, a FIFO, a device... Opening one of those
 * as a store blocks (a FIFO) or fails with a misleading error, so the doctor asks before it opens.
 */
public final class FileKind {
    private FileKind() {
    }

    /** "a directory", "a FIFO (named pipe)"...; null for a regular file (or a link to one) or nothing. */
    public static String irregular(Path file) {
        if (!Files.exists(file) || Files.isRegularFile(file)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return "a directory";
        }
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "not a regular file";
        }
    }
}
