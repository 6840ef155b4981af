package dev.statekeeper.json;

import dev.statekeeper.core.io.OwnerOnly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces the file so that a crash or kill -9 at any moment leaves the old version or the new one, never a
 * mix: the bytes go to a temporary file in the same directory, which is forced to disk, the backups rotate, the
 * temporary file is renamed over the old one (atomic on POSIX file systems), and the directory is forced to
 * disk so that the rename itself survives a power loss. A temporary file left by a crash is never read, and
 * is replaced by the next write. Callers hold the store's lock.
 */
final class AtomicWrite {
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private AtomicWrite() {
    }

    static void replace(StorePaths paths, byte[] bytes, int backups) throws IOException {
        Path temp = paths.temp();
        Files.deleteIfExists(temp);
        try {
            try (FileChannel out = FileChannel.open(temp, CREATE, permissionsOf(paths.file()))) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            if (Files.exists(paths.file())) {
                Backups.rotate(paths, backups);
            }
            Files.move(temp, paths.file(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        forceDirectory(paths.directory());
    }

    /**
     * The file's own permissions for its next version (a private store stays private, a shared one shared), 0600
     * for a new file.
     */
    private static FileAttribute<?>[] permissionsOf(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        } catch (NoSuchFileException e) {
            return OwnerOnly.newFile();
        } catch (UnsupportedOperationException e) {
            return new FileAttribute<?>[0];
        }
    }

    /** Makes a rename in the directory durable (fsync of the directory, as POSIX requires). */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
