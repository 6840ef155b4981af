package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.VersionProvider;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.internal.archive.Backup;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import dev.statekeeper.core.archive.LoadMode;

import java.time.Clock;
import java.util.Map;

/**
 * The backup of a store's records that restore, and import and copy with --mode replace, take before they remove
 * them: only when the store holds records, and only once the input passed every check (the commands take it from
 * the step that runs before the first write), into the backup directory as {@code pre-<command>-<UTC time>}, which
 * {@code db backup --keep} never removes.
 */
final class SafetyBackup {
    private final BackupDirectory backups;
    private final String command;
    private final Clock clock;
    private Backup taken;

    SafetyBackup(BackupDirectory backups, String command, Clock clock) {
        this.backups = backups;
        this.command = command;
        this.clock = clock;
    }

    /**
     * Backs {@code store} up when the load removes records ({@code mode} replace) and it held some ({@code before}:
     * as it was when the command began).
     */
    void take(LoadMode mode, StateStore store, StoreInfo before) {
        if (mode == LoadMode.REPLACE && !Records.empty(before)) {
            taken = backups.createBefore("pre-" + command, store, clock, VersionProvider.version());
        }
    }

    /** "; the records it held were backed up first to DIR", or nothing when none was taken. */
    String sentence() {
        return taken == null ? "" : "; the records it held were backed up first to " + taken.directory();
    }

    /** The --json field: the backup's directory, or null. */
    void addTo(Map<String, Object> json) {
        json.put("previousRecordsBackup", taken == null ? null : taken.directory().toString());
    }
}
