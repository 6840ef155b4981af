package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.RecordKind;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.IoErrors;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Consumer;

/**
 * Writes an export, format version 2, as it goes: the header line {@code {"format":"statekeeper-export","version":2}},
 * one line per record ({@link ArchiveRecord}, kinds in {@link RecordKind} order, the change history last), then on
 * {@link #finish()} the
 * trailer line with the number of records of each kind and the SHA-256 of the record lines (each with its
 * newline). Only ASCII is written. Holds one record at a time. Not thread-safe; the caller closes the stream.
 */
public final class ArchiveWriter implements Consumer<ArchiveRecord> {
    private final OutputStream out;
    private final String target;
    private final MessageDigest digest = sha256();
    private final RecordCounts counts = new RecordCounts();
    private RecordKind last;
    private boolean finished;

    /**
     * Writes the header at once.
     *
     * @param target what the messages of a failed write name, e.g. {@code export file '/tmp/x.jsonl'}
     */
    public ArchiveWriter(OutputStream out, String target) {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.target = target;
        write(ArchiveCodec.header());
    }

    @Override
    public void accept(ArchiveRecord record) {
        if (finished) {
            throw new IllegalStateException("the export is finished");
        }
        if (last != null && record.kind().compareTo(last) < 0) {
            throw new StatekeeperException(ErrorCode.INTERNAL, "an export gave a " + record.kind() + " record after "
                    + last + " records; records must come in the order " + RecordKind.order());
        }
        last = record.kind();
        byte[] line = ArchiveCodec.line(record);
        digest.update(line);
        digest.update((byte) '\n');
        counts.accept(record);
        write(line);
    }

    /** Writes the trailer and flushes; returns what was written. */
    public RecordCounts finish() {
        finished = true;
        write(ArchiveCodec.trailer(counts.byKind(), digest.digest()));
        try {
            out.flush();
        } catch (IOException e) {
            throw IoErrors.cannotWrite(target, e);
        }
        return counts;
    }

    private void write(byte[] line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw IoErrors.cannotWrite(target, e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
