package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.ProgressDisplay;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.VersionProvider;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.internal.archive.Backup;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import dev.statekeeper.core.internal.archive.BackupRetention;
import dev.statekeeper.core.internal.archive.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code statekeeper db backup [-o DIR] [--keep N]}: an online backup of every record, then retention. */
@Command(name = "backup", description = {
    "Back up every record of the store, read in one consistent snapshot while the store stays in use, into a new "
            + "directory named by the UTC time (e.g. 20261123T142301Z) under DIR: export.jsonl.gz (the export, "
            + "gzip-compressed; the same format on every backend, restorable into any) and manifest.json (format "
            + "version, backend, time, record counts, SHA-256 of the export, statekeeper version).",
    "Then removes all but the newest --keep backups of DIR, except the newest one a restore was made from; the "
            + "backups taken before a restore, import, copy or repair (pre-...) and other files are left alone."})
public final class DbBackup extends StoreCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "where backups are kept (default: backups in the data directory)")
    Path directory;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "10",
            description = "how many backups to keep, the newest (1-1000, default ${DEFAULT-VALUE})")
    int keep;

    @Override
    protected void execute(StateStore store, Output out) {
        if (keep < 1 || keep > 1000) {
            throw usage("--keep " + keep + ": must be between 1 and 1000");
        }
        BackupDirectory backups = new BackupDirectory(
                directory == null ? BackupDirectory.defaultDirectory(effectiveSettings()) : directory);
        Progress progress = ProgressDisplay.of(globals());
        Backup backup;
        try {
            progress.begin("backing up", Records.expected(store.info()));
            backup = backups.create(store, globals().terminal().clock(), VersionProvider.version(), r -> progress.advance());
        } finally {
            progress.end();
        }
        BackupRetention.Pruned pruned = backups.prune(keep);
        List<Backup> removed = pruned.removed();
        Backup kept = pruned.keptForRestore();
        out.emit(Output.fields("backup", BackupJson.of(backup), "removed", removed.stream().map(Backup::name).toList(),
                        "keptForRestore", kept == null ? null : kept.name()),
                w -> {
                    w.println("backed up " + Records.describe(backup.manifest().records(), backup.manifest().counts())
                            + " of " + backup.manifest().backend() + " store " + backup.manifest().location() + " to "
                            + backup.directory() + " (" + BackupJson.size(backup.manifest().bytes()) + ")");
                    if (!removed.isEmpty()) {
                        w.println("removed " + removed.size() + " older backup" + (removed.size() == 1 ? "" : "s")
                                + " (keeping the newest " + keep + "): "
                                + String.join(", ", removed.stream().map(Backup::name).toList()));
                    }
                    if (kept != null) {
                        w.println("kept " + kept.name() + " beyond the newest " + keep + ": the last restore was made "
                                + "from it");
                    }
                });
    }
}
