package dev.statekeeper.json;

import dev.statekeeper.core.config.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one json store, all in one directory: the document {@code state.json}, its backups
 * {@code state.json.1} (newest) to {@code state.json.N}, the temporary file a write goes through and the lock file;
 * and the operation log {@code state.json.oplog} ({@link OperationLogFile}) with its own lock and temporary file, which
 * is neither state nor a backup (no backup's suffix is anything but a number).
 */
record StorePaths(Path file) {
    static final String FILE_NAME = "state.json";
    /** The most backups STATEKEEPER_JSON_BACKUPS allows. */
    static final int MAX_BACKUPS = 100;

    /**
     * {@code state.json} in the data directory of the settings; when it is a symbolic link, the file it points to
     * (so a write replaces that file, and its backups and lock sit beside it, rather than replacing the link).
     */
    static StorePaths of(Settings settings) {
        Path file = settings.dataDir().resolve(FILE_NAME).toAbsolutePath().normalize();
        if (Files.isSymbolicLink(file)) {
            try {
                return new StorePaths(file.toRealPath());
            } catch (IOException e) {
                return new StorePaths(file); // a dangling link: opening reports it
            }
        }
        return new StorePaths(file);
    }

    Path directory() {
        return file.getParent();
    }

    Path temp() {
        return sibling(".tmp");
    }

    Path lock() {
        return sibling(".lock");
    }

    /** The operation log: JSON lines of per-minute timings and slow operations. */
    Path operationLog() {
        return sibling(".oplog");
    }

    /** The lock the operation log's writers take, apart from the store's so a log write never delays a store write. */
    Path operationLogLock() {
        return sibling(".oplog.lock");
    }

    /** The temporary file a prune of the operation log goes through. */
    Path operationLogTemp() {
        return sibling(".oplog.tmp");
    }

    /** Backup {@code n}: 1 is the newest earlier version. */
    Path backup(int n) {
        return sibling("." + n);
    }

    /** The newest backup there is (any of 1 to {@value #MAX_BACKUPS}, as a crash in a rotation may leave gaps), or null. */
    Path newestBackup() {
        for (int n = 1; n <= MAX_BACKUPS; n++) {
            if (Files.exists(backup(n))) {
                return backup(n);
            }
        }
        return null;
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
