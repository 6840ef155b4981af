package dev.statekeeper.bench.doctor;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.internal.archive.BackupDirectory;

import java.time.Clock;

/**
 * Takes a backup of a filled store into its default backup directory, as {@code statekeeper db backup} does: the
 * doctor's backup-age check then finds a fresh one, and backup-integrity hashes its export (the one check whose work
 * grows with the store's size outside the database).
 */
final class Backups {
    private Backups() {
    }

    static void take(Settings settings) {
        try (StateStore store = StateStores.open(settings)) {
            new BackupDirectory(BackupDirectory.defaultDirectory(settings)).create(store, Clock.systemUTC(), "bench",
                    record -> { });
        }
    }
}
