package dev.statekeeper.json;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.events.EventJournal;
import dev.statekeeper.core.internal.io.AtomicFiles;
import dev.statekeeper.core.internal.io.OwnerOnly;
import dev.statekeeper.core.internal.memory.MemorySnapshot;
import dev.statekeeper.core.internal.memory.MemoryStateStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file of one store: tells which version is on disk ({@link #stamp()}), reads it into a memory model
 * ({@link #load()}) and writes a model's snapshot as the next generation ({@link #save}). A file that is
 * missing, unreadable or damaged is an error every time, never an empty store.
 */
final class StateFile {
    /** A model and the version of the file it was read from or written to. */
    record Loaded(MemoryStateStore model, Stamp stamp) {
    }

    private final StorePaths paths;
    private final Settings settings;
    private final Clock clock;
    private final int backups;

    StateFile(StorePaths paths, Settings settings, Clock clock, int backups) {
        this.paths = paths;
        this.settings = settings;
        this.clock = clock;
        this.backups = backups;
    }

    Path path() {
        return paths.file();
    }

    boolean exists() {
        try {
            Files.readAttributes(paths.file(), BasicFileAttributes.class);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw FileErrors.unreadable(paths.file(), e);
        }
    }

    /**
     * Creates an empty store (generation 1) when there is no file and nothing says there was one; a missing file
     * whose backups exist, or that a dangling link points to, is refused instead.
     */
    @SuppressWarnings("try") // the lock is held for the block, never referenced in it
    void createIfNew(StoreLock lock) {
        if (exists()) {
            return;
        }
        if (missingButExpected()) {
            throw gone();
        }
        try (StoreLock.Held held = lock.acquire()) {
            if (!exists() && !missingButExpected()) {
                save(MemorySnapshot.empty(), EventJournal.State.empty(), 1);
            }
        }
    }

    private boolean missingButExpected() {
        return Files.isSymbolicLink(paths.file()) || paths.newestBackup() != null;
    }

    /** The version on disk now: a stat and the first fields of the file, not the whole file. */
    Stamp stamp() {
        BasicFileAttributes attributes = attributes();
        try (InputStream in = Files.newInputStream(paths.file())) {
            return Stamp.of(attributes, DocumentCodec.generation(in));
        } catch (NoSuchFileException e) {
            throw gone();
        } catch (IOException e) {
            throw FileErrors.unreadable(paths.file(), e);
        }
    }

    Loaded load() {
        BasicFileAttributes attributes = attributes(); // before the read: a write in between only causes another read
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(paths.file());
        } catch (NoSuchFileException e) {
            throw gone();
        } catch (IOException e) {
            throw FileErrors.unreadable(paths.file(), e);
        }
        StateDocument document = DocumentCodec.decode(paths, bytes);
        try {
            MemoryStateStore model = MemoryStateStore.restore(settings, clock, document.snapshot());
            model.journal().restore(document.history().state());
            return new Loaded(model, Stamp.of(attributes, document.generation()));
        } catch (StatekeeperException e) {
            if (e.code() != ErrorCode.CORRUPT) {
                throw e;
            }
            throw FileErrors.corrupt(paths, "", e.getMessage(), e);
        }
    }

    /** Writes the model's records and change history as generation {@code generation}; see {@link #save(MemorySnapshot, EventJournal.State, long)}. */
    Stamp save(MemoryStateStore model, long generation) {
        return save(model.snapshot(), model.journal().state(), generation);
    }

    /**
     * Writes the snapshot and the journal's state as generation {@code generation}; the caller holds the lock. A crash or kill -9 at any
     * moment leaves the old version or the new one, never a mix ({@link AtomicFiles}): the bytes go to
     * {@code state.json.tmp}, forced to disk, the backups rotate, the temporary file is renamed over the file and
     * the directory is forced to disk (a directory that cannot be is a failed write). A temporary file left by a
     * crash is never read, and is replaced by the next write. The file keeps its mode (a new one is 0600). A value
     * the file's strict read would refuse (a control character in a kept response's header) fails the write with
     * INTERNAL before anything is written, rather than leave a file that cannot be opened.
     */
    Stamp save(MemorySnapshot snapshot, EventJournal.State journal, long generation) {
        if (exists() && !Files.isWritable(paths.file())) {
            throw FileErrors.readOnly(paths.file());
        }
        byte[] bytes;
        try {
            bytes = DocumentCodec.encode(StateDocument.of(snapshot, journal, generation));
        } catch (IllegalArgumentException e) { // a value the file could not be read back with: never written
            throw new StatekeeperException(ErrorCode.INTERNAL, "cannot write json store '" + paths.file() + "': "
                    + e.getMessage() + "; the previous version is kept", e);
        }
        try {
            AtomicFiles.replace(paths.file()).through(paths.temp()).keepingMode(OwnerOnly.FILE).onlyOverRegularFile()
                    .requiringDirectorySync().beforeRename(this::rotateBackups).write(bytes);
        } catch (IOException e) {
            throw FileErrors.writeFailed(paths.file(), e);
        }
        return Stamp.of(attributes(), generation);
    }

    private void rotateBackups() throws IOException {
        if (Files.exists(paths.file())) {
            BackupRotation.rotate(paths, backups);
        }
    }

    /** The file and each backup there is ({@code state.json}, {@code state.json.1} ...), in bytes by file name. */
    Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put(paths.file().getFileName().toString(), attributes().size());
        for (int n = 1; n <= StorePaths.MAX_BACKUPS; n++) {
            try {
                sizes.put(paths.backup(n).getFileName().toString(), Files.size(paths.backup(n)));
            } catch (IOException e) {
                // no such backup (a crash in a rotation may leave gaps), or not readable: nothing to show
            }
        }
        return sizes;
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(paths.file(), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw gone();
        } catch (IOException e) {
            throw FileErrors.unreadable(paths.file(), e);
        }
    }

    /**
     * The file is not there: a link to a file that is not there (an unmounted disk?), moved away (a backup says
     * it existed) or deleted under an open store.
     */
    StatekeeperException gone() {
        if (Files.isSymbolicLink(paths.file())) {
            return FileErrors.danglingLink(paths.file());
        }
        Path backup = paths.newestBackup();
        return backup == null ? FileErrors.vanished(paths.file()) : FileErrors.missing(paths.file(), backup);
    }
}
