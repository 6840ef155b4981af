package dev.statekeeper.core.internal.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * What Statekeeper creates to hold records is private to its owner: directories 0700 (the data directory, backup
 * directories), files 0600 (the store's files, their temporary files and backups). What exists already keeps its
 * mode, so a store deliberately shared (a group-readable directory, a 0640 file) stays shared. Where the file
 * system has no POSIX modes, the platform's defaults apply.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /**
     * Creates the directory and the missing ones above it, each 0700; one that exists is left as it is. A file in
     * the way is a FileAlreadyExistsException with the reason "it is not a directory" ({@link IoErrors#reason}).
     */
    public static Path createDirectories(Path dir) throws IOException {
        try {
            return POSIX ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY))
                    : Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            FileAlreadyExistsException inTheWay = new FileAlreadyExistsException(e.getFile(), e.getOtherFile(),
                    "it is not a directory");
            inTheWay.initCause(e);
            throw inTheWay;
        }
    }

    /** Creates a directory 0700 (FileAlreadyExistsException when something is there). */
    public static Path createDirectory(Path dir) throws IOException {
        return POSIX ? Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY))
                : Files.createDirectory(dir);
    }

    /** The attributes that make a file an open creates 0600 (none where there are no POSIX modes). */
    public static FileAttribute<?>[] newFile() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Creates an empty file 0600 unless something is there; true when this call created it. */
    public static boolean createFile(Path file) throws IOException {
        try {
            Files.createFile(file, newFile());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }
}
