package dev.statekeeper.core.internal.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replaces a file so that a reader, a crash or a kill at any moment sees the old content or the new, never a mix:
 * the bytes go to a temporary file beside the target (created 0600), which is forced to disk, given its mode,
 * renamed over the target, and the directory is forced to disk so that the rename survives a power loss. When
 * anything fails before the rename, the temporary file is deleted and the target is as it was.
 *
 * <pre>{@code
 * AtomicFiles.replace(file).keepingMode(OwnerOnly.FILE).write(bytes);
 * }</pre>
 *
 * <p>By default the temporary file has a new hidden name ({@code .<name>.<random>.tmp}), the result is 0600, a
 * symbolic link at the target is replaced by the file, a directory that cannot be synced (a platform that cannot
 * open one) is passed over, and missing directories are an error. The options change one of these each.
 */
public final class AtomicFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** Writes the new content to the temporary file's stream; closing the stream is allowed and only flushes it. */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    /** A step between the temporary file being complete and the rename (rotating backups). */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    private final Path target;
    private Path temp;
    private Set<PosixFilePermission> mode = OwnerOnly.FILE;
    private boolean keepMode;
    private boolean createDirectories;
    private boolean followLink;
    private boolean regularOnly;
    private boolean directorySyncRequired;
    private Step beforeRename = () -> { };

    private AtomicFiles(Path target) {
        this.target = target;
    }

    /** Starts the replacement of {@code target} (a new file when nothing is there). */
    public static AtomicFiles replace(Path target) {
        return new AtomicFiles(target);
    }

    /**
     * Writes through this temporary file (beside the target) instead of a new name; one left by a crash is deleted
     * first.
     */
    public AtomicFiles through(Path fixedTemp) {
        this.temp = fixedTemp;
        return this;
    }

    /** The mode the new file gets (where there are POSIX modes), 0600 unless said. */
    public AtomicFiles mode(Set<PosixFilePermission> permissions) {
        this.mode = Set.copyOf(permissions);
        this.keepMode = false;
        return this;
    }

    /** The replaced file's mode for the new file (a private file stays private, a shared one shared); else this one. */
    public AtomicFiles keepingMode(Set<PosixFilePermission> forNewFile) {
        this.mode = Set.copyOf(forNewFile);
        this.keepMode = true;
        return this;
    }

    /** Creates missing directories above the target, 0700 ({@link OwnerOnly#createDirectories}). */
    public AtomicFiles creatingDirectories() {
        this.createDirectories = true;
        return this;
    }

    /** Replaces the file a symbolic link at the target points to, and keeps the link. */
    public AtomicFiles followingLink() {
        this.followLink = true;
        return this;
    }

    /**
     * Refuses to put a file in place of anything but a regular file (a symbolic link, unless followed, a FIFO, a
     * device, a socket, a directory): a FileSystemException saying what is there, and nothing is written.
     */
    public AtomicFiles onlyOverRegularFile() {
        this.regularOnly = true;
        return this;
    }

    /** A directory that cannot be forced to disk fails the write (after the rename) instead of being passed over. */
    public AtomicFiles requiringDirectorySync() {
        this.directorySyncRequired = true;
        return this;
    }

    /** Runs {@code step} once the temporary file is complete, just before the rename; a failure stops the write. */
    public AtomicFiles beforeRename(Step step) {
        this.beforeRename = step;
        return this;
    }

    /** Replaces the target with {@code bytes}. */
    public void write(byte[] bytes) throws IOException {
        write(out -> {
            out.write(bytes);
            return null;
        });
    }

    /** Replaces the target with what {@code content} writes, and returns what it returns. */
    public <T> T write(Content<T> content) throws IOException {
        Path file = resolve();
        Path dir = file.getParent();
        if (regularOnly) {
            requireRegularOrNothing(file);
        }
        if (createDirectories) {
            OwnerOnly.createDirectories(dir);
        }
        Path written = null;
        T result;
        try {
            written = createTemp(file);
            try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
                OutputStream out = unclosable(Channels.newOutputStream(channel));
                result = content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            setMode(written, file);
            beforeRename.run();
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written = null;
        } catch (Throwable e) {
            deleteAfterFailure(written, e);
            throw e;
        }
        if (directorySyncRequired) {
            forceDirectory(dir);
        } else {
            syncDirectory(dir);
        }
        return result;
    }

    /**
     * Makes a rename or a new entry in {@code dir} durable; a platform that cannot open a directory to sync it has
     * nothing more to give, so a failure is passed over.
     */
    public static void syncDirectory(Path dir) {
        try {
            forceDirectory(dir);
        } catch (IOException e) {
            // not supported here (e.g. Windows): the rename is as durable as the platform makes it
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private Path resolve() throws IOException {
        Path file = target.toAbsolutePath();
        return followLink && Files.exists(file) ? file.toRealPath() : file;
    }

    private static void requireRegularOrNothing(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isRegularFile()) {
            String kind = StoreFiles.typeOf(file, LinkOption.NOFOLLOW_LINKS);
            throw new FileSystemException(file.toString(), null, "'" + file + "' is " + (kind == null ? "a special file"
                    : kind) + ", not a regular file, and is left as it is");
        }
    }

    private Path createTemp(Path file) throws IOException {
        if (temp == null) {
            return Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp", OwnerOnly.newFile());
        }
        Files.deleteIfExists(temp);
        Files.createFile(temp, OwnerOnly.newFile());
        return temp;
    }

    /** The temporary file's mode, exactly (a creation mode is cut by the umask): the one asked for, or the file's. */
    private void setMode(Path written, Path file) throws IOException {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> wanted = mode;
        if (keepMode) {
            try {
                wanted = Files.getPosixFilePermissions(file);
            } catch (NoSuchFileException e) {
                // a new file: the mode asked for
            }
        }
        if (!Files.getPosixFilePermissions(written).equals(wanted)) {
            Files.setPosixFilePermissions(written, wanted);
        }
    }

    private static void deleteAfterFailure(Path written, Throwable failure) {
        if (written == null) {
            return;
        }
        try {
            Files.deleteIfExists(written);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The stream the content is written to: closing it flushes it, and the channel stays open to be forced. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
