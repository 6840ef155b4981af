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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an export line by line (gzip-compressed or not). The header is checked on open; each record line comes back
 * as an {@link ArchiveLine}, a record or its problems, in file order; at the trailer the counts and the SHA-256 of
 * the record lines are checked. Lines are parsed ahead in chunks of {@value #CHUNK} on the common fork-join pool
 * (parsing JSON is most of an import's work, and every line parses on its own), at most {@value #AHEAD} chunks
 * ahead of the caller; what the file's end or damage tells is only thrown once every line before it was returned. Reads format versions 1 (whose records hold no change history: an
 * {@code event} line in one is a problem of its line) and 2. A file that is not an export, is truncated (no trailer) or was changed
 * after it was written (the checksum differs) fails with CORRUPT, which exits 6. Not thread-safe.
 */
public final class ArchiveReader implements Iterator<ArchiveLine>, AutoCloseable {
    private final BufferedReader in;
    private final String source;
    private final MessageDigest digest = ArchiveWriter.sha256();
    private final RecordCounts counts = new RecordCounts();
    private final int version;
    private static final int CHUNK = 256;
    private static final int AHEAD = 4;

    /** The number of the last line read from the file (the header is line 1). */
    private long number = 1;
    private boolean problems;
    private ArchiveLine next;
    private boolean ended;
    /** Chunks of lines being parsed, in file order. */
    private final ArrayDeque<ForkJoinTask<List<Parsed>>> ahead = new ArrayDeque<>();
    private Iterator<Parsed> current = Collections.emptyIterator();
    /** Once the file is read to its end: what ends it, to do when every line before it was returned. */
    private Runnable end;

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
        while (!current.hasNext()) {
            readAhead();
            if (ahead.isEmpty()) {
                end.run();
                ended = true;
                return null;
            }
            current = ahead.removeFirst().join().iterator();
        }
        Parsed parsed = current.next();
        if (parsed.failure() != null) {
            throw parsed.failure();
        }
        if (parsed.problems() != null) {
            problems = true;
            return new ArchiveLine(parsed.number(), null, parsed.problems());
        }
        ArchiveRecord record = parsed.record();
        if (version < 2 && record.kind().history()) {
            problems = true;
            return new ArchiveLine(parsed.number(), null, List.of(new Violation("line " + parsed.number() + ": kind",
                    record.kind().wire(), "is not a kind of a format version " + version + " export, which holds no change history")));
        }
        counts.accept(record);
        return new ArchiveLine(parsed.number(), record, List.of());
    }

    /** Reads chunks of lines (and their checksum) until {@value #AHEAD} are being parsed or the file has ended. */
    private void readAhead() {
        while (end == null && ahead.size() < AHEAD) {
            long first = number + 1;
            List<String> lines = new ArrayList<>(CHUNK);
            while (end == null && lines.size() < CHUNK) {
                String line = readLineOrEnd();
                if (line != null) {
                    number++;
                    digest.update(line.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                    lines.add(line);
                }
            }
            if (!lines.isEmpty()) {
                ahead.addLast(ForkJoinPool.commonPool().submit(() -> parse(first, lines)));
            }
        }
    }

    /**
     * The next record line; or null, having set {@link #end}, at the trailer, at the end of a file that has none, or
     * at damage.
     */
    private String readLineOrEnd() {
        String line;
        try {
            line = readLine();
        } catch (StatekeeperException e) {
            end = () -> {
                throw e;
            };
            return null;
        }
        long at = number;
        if (line == null) {
            end = () -> {
                throw ArchiveEnds.corrupt(source + " is truncated: it ends after line " + at + " without its trailer line");
            };
            return null;
        }
        if (!line.startsWith(ArchiveCodec.TRAILER_START)) {
            return line;
        }
        number++;
        long trailerNumber = number;
        String checksum = HexFormat.of().formatHex(digest.digest());
        StatekeeperException damage = null;
        boolean more = false;
        try {
            more = readLine() != null;
        } catch (StatekeeperException e) {
            damage = e;
        }
        StatekeeperException damaged = damage;
        boolean follows = more;
        end = () -> {
            ArchiveEnds.trailer(source, version, trailerNumber, line, checksum, problems ? null : counts);
            if (damaged != null) {
                throw damaged;
            }
            if (follows) {
                throw ArchiveEnds.corrupt(source + " is damaged: line " + (trailerNumber + 1) + " follows the trailer");
            }
        };
        return null;
    }

    /** One line parsed: its record, or its problems, or what parsing it threw (to be thrown in its turn). */
    private record Parsed(long number, ArchiveRecord record, List<Violation> problems, RuntimeException failure) {
    }

    private static List<Parsed> parse(long first, List<String> lines) {
        List<Parsed> parsed = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            long number = first + i;
            try {
                parsed.add(new Parsed(number, ArchiveCodec.record(lines.get(i)), null, null));
            } catch (JsonProcessingException e) {
                parsed.add(new Parsed(number, null, LineProblems.of(number, lines.get(i), e), null));
            } catch (RuntimeException e) {
                parsed.add(new Parsed(number, null, null, e));
            }
        }
        return parsed;
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
