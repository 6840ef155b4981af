package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.ProgressDisplay;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.internal.archive.ArchiveImport;
import dev.statekeeper.core.internal.archive.ArchiveReader;
import dev.statekeeper.core.internal.archive.ArchiveSource;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import dev.statekeeper.core.internal.archive.ImportResult;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.internal.archive.Progress;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.internal.io.IoErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** {@code statekeeper db import FILE|- [--mode merge|replace]}: loads an export, checked whole before anything is written. */
@Command(name = "import", description = {
    "Load an export made by 'statekeeper db export' (or a backup's export.jsonl.gz) into the store, with every id, "
            + "timestamp and version it has.",
    "Every record is checked first with the rules of the domain; when any is bad, all problems are reported "
            + "(line, field, reason) and nothing is imported (exit 4). A damaged or truncated file is refused (exit 6).",
    "Into a store that holds records, say what to do with them: --mode replace removes them first; --mode merge "
            + "keeps them and adds the records the store lacks, skips those it has identical, and refuses (before "
            + "writing anything) a record it has with other content.",
    "The export's change history (its events and last sequence number) replaces the store's with --mode replace, "
            + "or when the store has no history yet; with --mode merge into a store that has its own history, the "
            + "store keeps it and the export's events are not imported (their numbers would collide): the output "
            + "says how many ('N events not imported: the target keeps its own history'). Events are checked like "
            + "records (sequence order, fields). Request keys are never exported nor imported.",
    "Before --mode replace removes records, once the file passed every check, they are backed up into the backup "
            + "directory as pre-import-<UTC time> (restore it with 'statekeeper db restore NAME')."})
public final class DbImport extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "the export to load, or - for stdin")
    String file;

    @Option(names = "--mode", paramLabel = "MODE", description = "replace or merge (required when the store is not empty)")
    LoadMode mode;

    @Override
    protected void execute(StateStore store, Output out) {
        StoreInfo info = store.info();
        LoadMode effective = Loading.mode(mode, info, this::usage);
        Path spooled = null;
        Progress progress = ProgressDisplay.of(globals());
        try {
            ArchiveSource source;
            if (file.equals("-")) {
                spooled = spool();
                Path path = spooled;
                source = () -> ArchiveReader.of(open(path), "the export on stdin");
            } else {
                source = ArchiveSource.of(Path.of(file));
            }
            SafetyBackup safety = new SafetyBackup(
                    new BackupDirectory(BackupDirectory.defaultDirectory(effectiveSettings())), "import",
                    globals().terminal().clock());
            ImportResult result = ArchiveImport.run(store, source, effective, progress,
                    checked -> safety.take(effective, store, info));
            progress.end();
            Map<String, Object> json = Loading.json(result, info);
            safety.addTo(json);
            out.emit(json, "imported " + Records.describe(result.loaded()) + " into " + Records.where(info) + " ("
                    + effective.wire() + ")" + Loading.skipped(result) + safety.sentence());
        } finally {
            progress.end();
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException ignored) {
                    // a temporary file left behind is no reason to fail an import that succeeded
                }
            }
        }
    }

    /** Stdin can be read once, and an import reads its input twice: copy it to a temporary file first. */
    private Path spool() {
        try {
            Path temp = Files.createTempFile("statekeeper-import-", ".jsonl");
            Files.copy(stdin(), temp, StandardCopyOption.REPLACE_EXISTING);
            return temp;
        } catch (IOException e) {
            // mostly the copy's write that fails (a full temporary directory): DISK_FULL then
            throw IoErrors.failed(IoErrors.Access.WRITE, "read the export on stdin", e, ErrorCode.CANNOT_OPEN);
        }
    }

    private static java.io.InputStream open(Path path) {
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw IoErrors.failed(IoErrors.Access.READ, "read the export on stdin", e, ErrorCode.CANNOT_OPEN);
        }
    }
}
