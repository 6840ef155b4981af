package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.StoreFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where exports and backups may be written: an export is renamed over what is at its path, which would turn a
 * symbolic link, a FIFO or a device node into a regular file, so only a new path or a regular file is taken;
 * backups go into a new or existing directory (a symbolic link to one is followed). Anything else is refused
 * (USAGE, exit 2) before anything is written, and left as it is.
 */
final class OutputPaths {
    private static final String REGULAR = "a regular file";
    private static final String LINK = "a symbolic link";

    private OutputPaths() {
    }

    static void requireFile(Path file, String what) {
        String kind = kind(file);
        if (kind != null && !kind.equals(REGULAR)) {
            throw new StatekeeperException(ErrorCode.USAGE, "cannot write " + what + " to '" + file + "': it is " + kind
                    + ", not a regular file, and is left as it is; name a new file or a regular one (which is replaced)"
                    + (kind.startsWith(LINK) ? ", such as the link's target" : ""));
        }
    }

    static void requireDirectory(Path dir, String what) {
        String kind = kind(dir);
        if (kind != null && !Files.isDirectory(dir)) {
            throw new StatekeeperException(ErrorCode.USAGE, "cannot write " + what + " into '" + dir + "': it is " + kind
                    + ", not a directory, and is left as it is; name a new or existing directory");
        }
    }

    /** What is at the path, not following a link ("a character device"); null when nothing is. */
    private static String kind(Path path) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null; // nothing there (or nothing that can be looked at: writing reports why)
        }
        if (a.isSymbolicLink()) {
            try {
                return LINK + " (to '" + Files.readSymbolicLink(path) + "')";
            } catch (IOException e) {
                return LINK;
            }
        }
        if (a.isRegularFile()) {
            return REGULAR;
        }
        return a.isDirectory() ? "a directory" : special(path);
    }

    /** A FIFO, a device or a socket, by the file type bits of its mode where the platform gives them. */
    private static String special(Path path) {
        String type = StoreFiles.typeOf(path, LinkOption.NOFOLLOW_LINKS);
        return type == null ? "a special file" : type;
    }
}
