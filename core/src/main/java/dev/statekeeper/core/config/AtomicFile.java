package dev.statekeeper.core.config;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces a small text file so that a reader, a crash or a kill at any moment sees either the old or the new
 * content: write a temp file beside it, fsync, rename over the target, fsync the directory. A symbolic link
 * is followed (the file it points to is replaced, the link stays). Missing directories are created 0700.
 */
final class AtomicFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFile() {
    }

    /**
     * Writes {@code text} to {@code target}: mode 0600 when it holds a secret, else the old file's mode
     * (0644 for a new file).
     */
    static void write(Path target, String text, boolean secret) {
        Path file = target.toAbsolutePath();
        Path temp = null;
        try {
            file = Files.exists(file) ? file.toRealPath() : file;
            Path dir = file.getParent();
            boolean posix = Files.getFileStore(existing(dir)).supportsFileAttributeView(PosixFileAttributeView.class);
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            if (posix) {
                Files.setPosixFilePermissions(temp, secret ? OWNER_ONLY
                        : Files.exists(file) ? Files.getPosixFilePermissions(file) : READABLE);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, "cannot write config file " + target + ": "
                    + reason(e) + "; the file is unchanged", List.of(), Map.of("file", target.toString()), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    /** Why a file operation failed, in words: "permission denied", "'/x' is not a directory", "Is a directory". */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return "'" + exists.getFile() + "' is in the way (it is not a directory)";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName() + " " + fs.getFile();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The nearest directory on the way up that exists, to ask its file store what it supports. */
    private static Path existing(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    /** Makes the rename durable; a file system that cannot open a directory for sync has nothing to flush. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // not supported here (e.g. Windows): the rename is as durable as the platform makes it
        }
    }
}
