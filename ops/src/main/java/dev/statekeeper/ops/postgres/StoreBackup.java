package dev.statekeeper.ops.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.internal.archive.Backup;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.IoErrors.Access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The backup repair takes first of a database it cannot copy as a file: the portable export {@code db backup}
 * writes ({@code export.jsonl.gz} and {@code manifest.json}, restorable with {@code db restore DIR} into any
 * backend), read through a store opened without migrating (repair must not change the schema), and put straight
 * into the given directory. Fails, leaving no backup behind, when the store cannot be opened or read.
 */
final class StoreBackup {
    private StoreBackup() {
    }

    /** Writes the backup into {@code dir} (empty), checks it against its manifest and returns it. */
    static Backup write(Settings settings, Clock clock, String statekeeperVersion, Path dir) {
        Settings noMigration = settings.toBuilder().set(Setting.AUTO_MIGRATE, "false").build();
        Backup made;
        try (StateStore store = StateStores.open(noMigration, clock)) {
            made = new BackupDirectory(dir).create(store, clock, statekeeperVersion, r -> { });
        }
        try {
            Files.move(made.exportFile(), dir.resolve(BackupDirectory.EXPORT_FILE));
            Files.move(made.directory().resolve(BackupDirectory.MANIFEST_FILE),
                    dir.resolve(BackupDirectory.MANIFEST_FILE));
            Files.delete(made.directory());
        } catch (IOException e) {
            throw IoErrors.failed(Access.WRITE, "move the backup '" + made.directory() + "' into '" + dir + "'", e,
                    ErrorCode.CANNOT_OPEN);
        }
        Backup backup = new BackupDirectory(dir).find(dir.toString());
        backup.verify();
        return backup;
    }
}
