package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.error.Violation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.InputFiles;
import dev.statekeeper.core.internal.io.IoErrors;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an export line by line (gzip-compressed or not), holding one line at a time. The header is checked on open;
 * each record line comes back as an {@link ArchiveLine}, a record or its problems; at the trailer the counts and the
 * SHA-256 of the record lines are checked. Reads format versions 1 (whose records hold no change history: an
 * {@code event} line in one is a problem of its line) and 2. A file that is not an export, is truncated (no trailer) or was changed
 * after it was written (the checksum differs) fails with CORRUPT, which exits 6. Not thread-safe.
 */
public final class ArchiveReader implements Iterator<ArchiveLine>, AutoCloseable {
    private final BufferedReader in;
    private final String source;
    private final MessageDigest digest = ArchiveWriter.sha256();
    private final RecordCounts counts = new RecordCounts();
    private final int version;
    private long number = 1;
    private boolean problems;
    private ArchiveLine next;
    private boolean ended;

    private ArchiveReader(InputStream raw, String source) {
        this.source = source;
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream plain = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            this.in = new BufferedReader(new InputStreamReader(plain, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
            this.version = ArchiveEnds.header(source, readLine());
        } catch (IOException e) {
            throw IoErrors.cannotRead(source, e);
        }
    }

    /** Reads the export from a stream; {@code source} names it in messages ({@code export file 'x.jsonl'}). */
    public static ArchiveReader of(InputStream in, String source) {
        return new ArchiveReader(in, source);
    }

    public static ArchiveReader open(Path file) {
        return new ArchiveReader(InputFiles.open(file, "export file"), "export file '" + file + "'");
    }

    /** The export's format version: 1 (no change history) or 2. */
    public int version() {
        return version;
    }

    /** What messages call the export. */
    public String source() {
        return source;
    }

    /** The records only, for an export already checked: a line that is not a record fails with VALIDATION_FAILED. */
    public Iterator<ArchiveRecord> records() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ArchiveReader.this.hasNext();
            }

            @Override
            public ArchiveRecord next() {
                ArchiveLine line = ArchiveReader.this.next();
                if (!line.ok()) {
                    throw StatekeeperException.invalid(source, line.problems());
                }
                return line.record();
            }
        };
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public ArchiveLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ArchiveLine line = next;
        next = null;
        return line;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw IoErrors.cannotRead(source, e);
        }
    }

    private ArchiveLine advance() {
        String line = readLine();
        if (line == null) {
            throw ArchiveEnds.corrupt(source + " is truncated: it ends after line " + number + " without its trailer line");
        }
        number++;
        if (line.startsWith(ArchiveCodec.TRAILER_START)) {
            ArchiveEnds.trailer(source, version, number, line, HexFormat.of().formatHex(digest.digest()), problems ? null : counts);
            String after = readLine();
            if (after != null) {
                throw ArchiveEnds.corrupt(source + " is damaged: line " + (number + 1) + " follows the trailer");
            }
            ended = true;
            return null;
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        digest.update(bytes);
        digest.update((byte) '\n');
        try {
            ArchiveRecord record = ArchiveCodec.record(line);
            if (version < 2 && record.kind().history()) {
                problems = true;
                return new ArchiveLine(number, null, List.of(new Violation("line " + number + ": kind",
                        record.kind().wire(), "is not a kind of a format version " + version + " export, which holds no change history")));
            }
            counts.accept(record);
            return new ArchiveLine(number, record, List.of());
        } catch (JsonProcessingException e) {
            problems = true;
            return new ArchiveLine(number, null, LineProblems.of(number, line, e));
        }
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (CharacterCodingException e) {
            throw ArchiveEnds.corrupt(source + " is damaged: line " + (number + 1) + " is not UTF-8 text");
        } catch (EOFException | ZipException e) {
            throw ArchiveEnds.corrupt(source + " is damaged: its gzip data is cut off or broken after line " + number + " ("
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw IoErrors.cannotRead(source, e);
        }
    }
}
