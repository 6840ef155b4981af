package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.ProgressDisplay;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.internal.archive.ArchiveImport;
import dev.statekeeper.core.internal.archive.ArchiveSource;
import dev.statekeeper.core.internal.archive.Backup;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import dev.statekeeper.core.internal.archive.BackupRetention;
import dev.statekeeper.core.internal.archive.ImportResult;
import dev.statekeeper.core.internal.archive.RecordCounts;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.internal.archive.Progress;
import dev.statekeeper.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code statekeeper db restore BACKUP [--to TARGET]}: checks a backup, then replaces a store's records with it. */
@Command(name = "restore", description = {
    "Restore a backup (its name in the backup directory, or its path) into the store, or into --to TARGET: first "
            + "the backup is checked whole (its export against the SHA-256 and the counts of its manifest, every "
            + "record as an import checks it), and one that fails is refused (exit 6, or 4) before anything is "
            + "written; then the target's records are replaced, and its change history with the backup's (events and "
            + "last sequence number; a backup taken before the history was exported has none). Request keys are not "
            + "in backups.",
    "When the target holds records, they are backed up first (a new backup pre-restore-<UTC time> in the backup "
            + "directory, which --keep never removes), so a restore never loses data. The backup restored from is "
            + "marked, and 'db backup --keep' keeps the newest backup so marked. A store that cannot be opened (a "
            + "damaged file) is restored --to a new place."})
public final class DbRestore implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BACKUP", description = "a backup's name (see 'statekeeper db backups') or its directory")
    String name;

    @Option(names = "--to", paramLabel = "TARGET",
            description = "restore into this store instead: ${bundle:statekeeper.targets}")
    String to;

    @Option(names = "--dir", paramLabel = "DIR", description = "where backups are kept (default: backups in the data directory)")
    Path directory;

    @Override
    public Integer call() {
        Globals globals = (Globals) spec.root().userObject();
        Settings settings = globals.settings();
        Settings targetSettings = to == null ? settings : Target.parse(to)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), Target.namesNone(to)))
                .settings(settings, "--to");
        BackupDirectory backups = new BackupDirectory(
                directory == null ? BackupDirectory.defaultDirectory(settings) : directory);
        Backup backup = backups.find(name);
        backup.verify();
        ArchiveSource source = ArchiveSource.of(backup.exportFile());
        Progress progress = ProgressDisplay.of(globals);
        Clock clock = globals.terminal().clock();
        try {
            RecordCounts checked = ArchiveImport.check(source, progress);
            backup.requireCounts(checked);
            progress.end();
            try (StateStore target = StateStores.open(targetSettings, clock)) {
                StoreInfo info = target.info();
                SafetyBackup safety = new SafetyBackup(backups, "restore", clock);
                safety.take(LoadMode.REPLACE, target, info);
                ImportResult result = ArchiveImport.replaceChecked(target, source, checked, progress);
                progress.end();
                if (!BackupRetention.markRestored(backup, clock.instant(), Records.where(info))) {
                    globals.terminal().err().println("note: backup " + backup.name() + " cannot be marked as restored "
                            + "from (it is read-only), so 'db backup --keep' may remove it");
                }
                Map<String, Object> json = Loading.json(result, info);
                json.put("backup", backup.name());
                safety.addTo(json);
                new Output(globals.terminal().out(), globals.json()).emit(json, "restored backup " + backup.name()
                        + ": " + Records.describe(result.loaded()) + " into " + Records.where(info) + safety.sentence());
            }
        } finally {
            progress.end();
        }
        return 0;
    }
}
