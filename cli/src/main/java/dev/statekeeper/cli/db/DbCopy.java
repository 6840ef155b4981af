package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.ProgressDisplay;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.internal.archive.ArchiveCopy;
import dev.statekeeper.core.internal.archive.ArchiveVerify;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import dev.statekeeper.core.internal.archive.ImportResult;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.internal.archive.Progress;
import dev.statekeeper.core.internal.archive.RecordCounts;
import dev.statekeeper.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code statekeeper db copy --to TARGET [--verify] [--dry-run] [--switch] [--mode M]}: one store into another. */
@Command(name = "copy", description = {
    "Copy every record of the store into another store, of any backend: ${bundle:statekeeper.targets}. Writes go "
            + "in batches; the source is only read, and an interrupted copy can be run again (--mode replace clears the target first).",
    "A target that holds records needs --mode replace (remove them first) or --mode merge (keep them, add what "
            + "they lack; a record they have with other content stops the copy before anything is written). Before "
            + "--mode replace removes the target's records, they are backed up into the backup directory (of the "
            + "configured store) as pre-copy-<UTC time>.",
    "The change history (every event and the last sequence number) comes along: it replaces the target's with "
            + "--mode replace or into a target without history; with --mode merge into a target that has its own "
            + "history, the target keeps it and the source's events are not copied (their numbers would collide), "
            + "which the output reports. Request keys are not copied.",
    "--verify then compares both stores record by record (and, unless merging, the change history as a whole) "
            + "and fails with exit 6 naming the first differences; "
            + "--switch verifies and then makes the target the configured store (STATEKEEPER_BACKEND and "
            + "DATABASE_URL or STATEKEEPER_DATA_DIR in the config file)."})
public final class DbCopy extends StoreCommand {
    @Option(names = "--to", required = true, paramLabel = "TARGET",
            description = "the store to copy into: ${bundle:statekeeper.targets}")
    String to;

    @Option(names = "--mode", paramLabel = "MODE", description = "replace or merge (required when the target is not empty)")
    LoadMode mode;

    @Option(names = "--verify", description = "compare source and target record by record afterwards (exit 6 on a difference)")
    boolean verify;

    @Option(names = "--dry-run", description = "only count what would be copied; opens no target and writes nothing")
    boolean dryRun;

    @Option(names = "--switch", description = "after a successful verify (implied), make the target the configured store")
    boolean switchTo;

    @Override
    protected void execute(StateStore source, Output out) {
        Target target = Target.parse(to).orElseThrow(() -> usage(Target.namesNone(to)));
        if (switchTo && !target.durable()) {
            throw usage("--switch cannot make a " + target.backend() + " store the configured one: it is gone when "
                    + "the command ends");
        }
        Settings targetSettings = target.settings(effectiveSettings(), "--to");
        StoreInfo from = source.info();
        Progress progress = ProgressDisplay.of(globals());
        try {
            if (dryRun) {
                dryRun(source, from, targetSettings, out, progress);
                return;
            }
            try (StateStore into = StateStores.open(targetSettings, globals().terminal().clock())) {
                copy(source, from, into, target, out, progress);
            }
        } finally {
            progress.end();
        }
    }

    private void dryRun(StateStore source, StoreInfo from, Settings targetSettings, Output out, Progress progress) {
        RecordCounts counts = new RecordCounts();
        progress.begin("counting", -1);
        source.archive().export(record -> {
            counts.accept(record);
            progress.advance();
        });
        progress.end();
        String location = Backends.require(targetSettings.backend()).location(targetSettings);
        String into = targetSettings.backend() + " store " + location;
        out.emit(Output.fields("dryRun", true, "source", Map.of("backend", from.backend(), "location", from.location()),
                        "target", Map.of("backend", targetSettings.backend(), "location", location),
                        "records", counts.total(), "counts", counts.summary(), "events", counts.events()),
                "dry run: would copy " + Records.describe(counts) + " from " + Records.where(from) + " to " + into
                        + "; nothing was written");
    }

    private void copy(StateStore source, StoreInfo from, StateStore into, Target target, Output out, Progress progress) {
        StoreInfo before = into.info();
        if (Records.sameStore(source, into)) {
            throw usage("--to names the store itself (" + Records.where(from) + "); copy into another one");
        }
        LoadMode effective = Loading.mode(mode, before, this::usage);
        SafetyBackup safety = new SafetyBackup(new BackupDirectory(BackupDirectory.defaultDirectory(effectiveSettings())),
                "copy", globals().terminal().clock());
        ImportResult result = ArchiveCopy.run(source, into, effective, Records.expected(from), progress,
                () -> safety.take(effective, into, before));
        progress.end();
        Long verified = null;
        if (verify || switchTo) {
            verified = ArchiveVerify.run(source, into, effective == LoadMode.MERGE, progress);
            progress.end();
        }
        Switch.Done switched = switchTo ? Switch.to(target, globals()) : null;
        Map<String, Object> json = Loading.json(result, before);
        json.put("source", Map.of("backend", from.backend(), "location", from.location()));
        json.put("verified", verified != null);
        json.put("switched", switched != null);
        safety.addTo(json);
        Long matched = verified;
        out.emit(json, w -> {
            w.println("copied " + Records.describe(result.loaded()) + " from " + Records.where(from) + " to "
                    + Records.where(before) + " (" + effective.wire() + ")" + Loading.skipped(result) + safety.sentence());
            if (matched != null) {
                w.println("verified: the target holds every record of the source, identical (" + matched + " records)");
            }
            if (switched != null) {
                w.println(switched.message());
            }
        });
        if (switched != null) {
            switched.notes().forEach(globals().terminal().err()::println);
        }
    }
}
