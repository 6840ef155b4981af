package dev.statekeeper.json;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * The earlier versions kept beside the file: {@code state.json.1} is the version before the last write,
 * {@code .2} the one before it, up to {@code .N} (STATEKEEPER_JSON_BACKUPS); older ones are deleted. A crash in
 * the middle of a rotation can leave a gap or a duplicate among the backups, never touch the file itself.
 */
final class BackupRotation {
    private BackupRotation() {
    }

    /**
     * Shifts the backups by one and makes the current file backup 1, as a hard link so the file stays in place
     * until the new version is renamed over it (a copy where the file system has no hard links).
     */
    static void rotate(StorePaths paths, int keep) throws IOException {
        for (int n = keep + 1; n <= StorePaths.MAX_BACKUPS && Files.exists(paths.backup(n)); n++) {
            Files.delete(paths.backup(n));
        }
        if (keep == 0) {
            return;
        }
        for (int n = keep - 1; n >= 1; n--) {
            if (Files.exists(paths.backup(n))) {
                Files.move(paths.backup(n), paths.backup(n + 1), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.deleteIfExists(paths.backup(1));
        try {
            Files.createLink(paths.backup(1), paths.file());
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(paths.file(), paths.backup(1), StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
