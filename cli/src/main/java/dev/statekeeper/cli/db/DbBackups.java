package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.internal.archive.Backup;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code statekeeper db backups [--dir DIR]}: the backups, newest first; opens no store. */
@Command(name = "backups", description = "List the backups of DIR, newest first: name, when, backend, records and "
        + "size; those taken before a restore, import or copy replaced records (pre-...) too.")
public final class DbBackups implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "where backups are kept (default: backups in the data directory)")
    Path directory;

    @Override
    public Integer call() {
        Globals globals = (Globals) spec.root().userObject();
        BackupDirectory backups = new BackupDirectory(
                directory == null ? BackupDirectory.defaultDirectory(globals.settings()) : directory);
        List<Backup> all = backups.list();
        new Output(globals.terminal().out(), globals.json()).emit(Output.fields("directory",
                backups.directory().toString(), "backups", all.stream().map(BackupJson::of).toList()), w -> {
                    if (all.isEmpty()) {
                        w.println("no backups in " + backups.directory() + " (make one with 'statekeeper db backup')");
                        return;
                    }
                    Table table = new Table("NAME", "CREATED", "BACKEND", "RECORDS", "SIZE");
                    all.forEach(b -> table.row(b.name(), Text.time(b.manifest().createdAt()), b.manifest().backend(),
                            b.manifest().records(), BackupJson.size(b.manifest().bytes())));
                    table.print(w);
                    w.println(Text.count(all.size(), "backup", "backups") + " in " + backups.directory());
                });
        return 0;
    }
}
