package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.ProgressDisplay;
import dev.statekeeper.cli.support.StdoutWriter;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.internal.archive.ArchiveFiles;
import dev.statekeeper.core.internal.archive.ArchiveWriter;
import dev.statekeeper.core.internal.archive.Progress;
import dev.statekeeper.core.internal.archive.RecordCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code statekeeper db export [-o FILE]}: every record, in the portable format, to stdout or a file. */
@Command(name = "export", description = {
    "Write every record of the store (loops with their feedback, objectives, spec links and the active-loop history, "
            + "specs with every revision, roadmaps, plans, sessions) with its ids, timestamps and versions, read in "
            + "one consistent snapshot, to stdout or to a file, followed by the change history read in the same "
            + "snapshot (every event, and the last sequence number given). Request keys (a server's memory of the "
            + "retries it answered) are not exported.",
    "The format is JSON Lines: a header line {\"format\":\"statekeeper-export\",\"version\":2}, one record per "
            + "line (the history as 'event' and 'eventSequence' records, last), and a trailer line with the count of "
            + "each kind and the SHA-256 of the record lines. The same records give the same bytes on every backend. "
            + "Version 1 exports (without history) still import."})
public final class DbExport extends StoreCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of stdout, "
            + "atomically (a temporary file renamed when complete); a name ending in .gz is gzip-compressed")
    Path output;

    @Override
    protected void execute(StateStore store, Output out) {
        Progress progress = ProgressDisplay.of(globals());
        StoreInfo info = store.info();
        progress.begin("exporting", Records.expected(info));
        try {
            if (output == null) {
                ArchiveWriter writer = new ArchiveWriter(ascii(globals().terminal().out()), "the export to stdout");
                store.archive().export(record -> {
                    writer.accept(record);
                    progress.advance();
                });
                writer.finish();
                return;
            }
            RecordCounts counts = ArchiveFiles.export(store.archive(), output, output.toString().endsWith(".gz"),
                    record -> progress.advance());
            progress.end();
            out.emit(Output.fields("file", output.toAbsolutePath().toString(), "backend", info.backend(),
                            "location", info.location(), "records", counts.total(), "counts", counts.summary(),
                            "events", counts.events()),
                    "exported " + Records.describe(counts) + " from " + Records.where(info) + " to "
                            + output.toAbsolutePath());
        } finally {
            progress.end();
        }
    }

    /**
     * The bytes of an export (ASCII only) as the characters of stdout; stops the export at the first chunk stdout
     * could not take (OUTPUT_FAILED), instead of reading the whole store for nothing.
     */
    private static OutputStream ascii(PrintWriter out) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                out.write(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
                StdoutWriter.failure(out).ifPresent(failed -> {
                    throw failed;
                });
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }
}
