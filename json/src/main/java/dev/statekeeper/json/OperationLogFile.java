package dev.statekeeper.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.AtomicFiles;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.IoErrors.Access;
import dev.statekeeper.core.internal.io.OwnerOnly;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.core.internal.oplog.LatencySketch;
import dev.statekeeper.core.internal.oplog.MinuteAggregate;
import dev.statekeeper.core.internal.oplog.OperationLogStorage;
import dev.statekeeper.core.perf.SlowOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The operation log of a json store: JSON lines in {@code state.json.oplog} beside the store's file, one object a
 * line, either a minute row ({@code "type":"minute"}, its histogram as the base64 of {@link LatencySketch#encode()})
 * or a slow operation ({@code "type":"slow"}). It is neither state nor a backup: no read of the store, no backup,
 * restore, copy or verify looks at it.
 *
 * <ul>
 *   <li><b>Append</b> ({@link #write}): under a lock of its own ({@code state.json.oplog.lock}, the {@link StoreLock}
 *       mechanism, across threads and processes, waited for at most STATEKEEPER_JSON_LOCK_TIMEOUT), so a log write
 *       never holds the store's lock; the batch is written in one go at the end of the file and forced to disk. A
 *       failed write is cut off again, so it leaves no half line. A file that would grow past {@value #MAX_BYTES}
 *       bytes is not appended to: DISK_FULL, which the log reports in its {@code problem()}.</li>
 *   <li><b>Read</b> ({@link #read}, {@link #readSlow}): without the lock (an append is one write at the end, a prune
 *       a rename), every complete line; a line that is not one this class writes (damaged, cut short by a crash,
 *       written by hand, longer than {@value #MAX_LINE} bytes, nested, of wrong types or with control characters) is
 *       skipped and counted, never shown. The last line without its newline is an append in progress and is left.
 *       Memory stays bounded by the line limit: a huge line is passed over, not held.</li>
 *   <li><b>Prune</b> ({@link #prune}): the file is read without the lock to find what goes, then, under the lock,
 *       replaced ({@link AtomicFiles}: {@code state.json.oplog.tmp}, forced, renamed) by its lines of the retention
 *       window; skipped lines go with the old ones. Nothing to remove, nothing rewritten.</li>
 * </ul>
 *
 * <p>A new file is 0600 ({@link OwnerOnly}); an existing one keeps its mode. Something other than a regular file at
 * its path (a link, a FIFO, a directory) is refused, never followed or opened.
 */
final class OperationLogFile implements OperationLogStorage {
    private static final Logger LOG = LoggerFactory.getLogger(OperationLogFile.class);
    /** What messages call the file. */
    static final String WHAT = "operation log";
    /** The most the file may hold: about a week of 30 busy operations of one process, a minute row each. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    /** The longest line read; a row's histogram takes a few KiB at most. */
    static final int MAX_LINE = 64 * 1024;
    private static final int MAX_FIELDS = 32;
    private static final int MAX_NAME = 100;
    private static final int MAX_INSTANCE = 1_024;
    private static final int MAX_REQUEST_ID = 200;
    private static final String MINUTE = "minute";
    private static final String SLOW = "slow";
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private final Path file;
    private final Path temp;
    private final StoreLock lock;
    private final long maxBytes;
    private final AtomicLong skipped = new AtomicLong();
    private long warnedSkipped;

    OperationLogFile(StorePaths paths, Duration lockTimeout) throws IOException {
        this(paths, lockTimeout, MAX_BYTES);
    }

    /** With another size limit, for tests. */
    OperationLogFile(StorePaths paths, Duration lockTimeout, long maxBytes) throws IOException {
        this.file = paths.operationLog();
        this.temp = paths.operationLogTemp();
        this.lock = new StoreLock(WHAT, file, paths.operationLogLock(), lockTimeout);
        this.maxBytes = maxBytes;
    }

    Path path() {
        return file;
    }

    /** The lines the last read or prune skipped: not written by this class, or cut short. */
    long skipped() {
        return skipped.get();
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the block, never referenced in it
    public void write(List<MinuteAggregate> minutes, List<SlowOperation> slow) {
        if (minutes.isEmpty() && slow.isEmpty()) {
            return;
        }
        byte[] lines = encode(minutes, slow);
        try (StoreLock.Held held = lock.acquire()) {
            append(lines);
        }
    }

    private void append(byte[] lines) {
        boolean created;
        try {
            created = !requireRegularOrNothing();
        } catch (IOException e) {
            throw IoErrors.failed(Access.WRITE, "append to the " + WHAT + " '" + file + "'", e, ErrorCode.CANNOT_OPEN);
        }
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), OwnerOnly.newFile())) {
            long size = channel.size();
            boolean torn = size > 0 && lastByte(channel, size) != '\n';
            long grown = size + lines.length + (torn ? 1 : 0);
            if (grown > maxBytes) {
                throw new StatekeeperException(ErrorCode.DISK_FULL, "the " + WHAT + " '" + file + "' is full: it holds "
                        + size + " bytes and may hold " + maxBytes + "; it keeps " + Setting.OPLOG_RETENTION.variable()
                        + " and is pruned every hour: lower the retention (or move the file away: the log starts a new "
                        + "one)");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) (grown - size));
            if (torn) {
                buffer.put((byte) '\n'); // the half line a crash left stays a line of its own, skipped by readers
            }
            buffer.put(lines).flip();
            try {
                for (long at = size; buffer.hasRemaining(); ) {
                    at += channel.write(buffer, at);
                }
                channel.force(true);
            } catch (IOException e) {
                cutBack(channel, size, e);
                throw e;
            }
        } catch (IOException e) {
            throw FileErrors.writeFailed(WHAT, file, e);
        }
        if (created) {
            AtomicFiles.syncDirectory(file.getParent());
        }
    }

    /** Cuts a failed append off, so it leaves no half line behind. */
    private static void cutBack(FileChannel channel, long size, IOException failure) {
        try {
            channel.truncate(size);
            channel.force(true);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        while (last.hasRemaining()) {
            if (channel.read(last, size - 1) < 0) {
                throw new IOException("the file ended while its last byte was read");
            }
        }
        return last.get(0);
    }

    /** True when a regular file is there, false when nothing is; anything else is refused. */
    private boolean requireRegularOrNothing() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!attributes.isRegularFile()) {
            String kind = attributes.isSymbolicLink() ? "a symbolic link" : attributes.isDirectory() ? "a directory"
                    : "a special file";
            throw new IOException("it is " + kind + ", not a regular file, and is left as it is");
        }
        return true;
    }

    static byte[] encode(List<MinuteAggregate> minutes, List<SlowOperation> slow) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * (minutes.size() + slow.size()));
        try {
            for (MinuteAggregate row : minutes) {
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    g.writeStartObject();
                    g.writeStringField("type", MINUTE);
                    g.writeStringField("minute", row.minute().toString());
                    g.writeStringField("operation", row.operation());
                    g.writeStringField("instance", row.instance());
                    g.writeNumberField("count", row.count());
                    g.writeNumberField("errors", row.errors());
                    g.writeNumberField("faults", row.faults());
                    g.writeNumberField("sumMicros", row.sumMicros());
                    g.writeNumberField("maxMicros", row.maxMicros());
                    g.writeStringField("sketch", Base64.getEncoder().encodeToString(row.sketch().encode()));
                    g.writeEndObject();
                }
                out.write('\n');
            }
            for (SlowOperation s : slow) {
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    g.writeStartObject();
                    g.writeStringField("type", SLOW);
                    g.writeStringField("at", s.at().toString());
                    g.writeStringField("operation", s.operation());
                    g.writeNumberField("durationMs", s.durationMs());
                    g.writeStringField("backend", s.backend());
                    g.writeStringField("outcome", s.outcome());
                    g.writeNumberField("attempts", s.attempts());
                    g.writeNumberField("poolWaitMs", s.poolWaitMs());
                    g.writeStringField("instance", s.instance());
                    g.writeStringField("requestId", s.requestId());
                    g.writeEndObject();
                }
                out.write('\n');
            }
        } catch (IOException e) {
            throw new StatekeeperException(ErrorCode.INTERNAL, "cannot write the " + WHAT + "'s lines: "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public void read(Instant since, String operation, Consumer<MinuteAggregate> rows) {
        scan("read", (bytes, length) -> {
            Map<String, Object> fields = fields(bytes, length);
            if (fields == null) {
                return false;
            }
            Object type = fields.get("type");
            if (SLOW.equals(type)) {
                return slow(fields) != null;
            }
            if (!MINUTE.equals(type)) {
                return false;
            }
            Instant minute = instant(fields.get("minute"));
            String name = text(fields.get("operation"), MAX_NAME);
            if (minute == null || name == null) {
                return false;
            }
            if (minute.isBefore(since) || operation != null && !operation.equals(name)) {
                return true; // outside the window: not decoded
            }
            MinuteAggregate row = minute(fields, minute, name);
            if (row == null) {
                return false;
            }
            rows.accept(row);
            return true;
        });
    }

    @Override
    public List<SlowOperation> readSlow(Instant since, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Comparator<SlowOperation> slowest = Comparator.comparingDouble(SlowOperation::durationMs).reversed()
                .thenComparing(SlowOperation::at, Comparator.reverseOrder());
        PriorityQueue<SlowOperation> kept = new PriorityQueue<>(slowest.reversed()); // the fastest kept on top
        scan("read", (bytes, length) -> {
            Map<String, Object> fields = fields(bytes, length);
            if (fields == null) {
                return false;
            }
            Object type = fields.get("type");
            if (MINUTE.equals(type)) {
                return instant(fields.get("minute")) != null && text(fields.get("operation"), MAX_NAME) != null;
            }
            if (!SLOW.equals(type)) {
                return false;
            }
            SlowOperation record = slow(fields);
            if (record == null) {
                return false;
            }
            if (!record.at().isBefore(since)) {
                kept.add(record);
                if (kept.size() > limit) {
                    kept.poll();
                }
            }
            return true;
        });
        List<SlowOperation> records = new ArrayList<>(kept);
        records.sort(slowest);
        return records;
    }

    /**
     * Reads the whole file without the lock to find what goes, then, under the lock, copies the lines that stay into
     * the new version: the lock is held for a copy, not for parsing every line, so other processes' appends wait
     * little. A line appended after the first read is judged under the lock; a line the first read judged is judged
     * again when it is not the same (another process pruned, or an append was cut back and another took its place).
     */
    @Override
    @SuppressWarnings("try") // the lock is held for the block, never referenced in it
    public void prune(Instant before) {
        try {
            if (!requireRegularOrNothing()) {
                return;
            }
        } catch (IOException e) {
            return; // nothing of the log's is there to prune: a write or read says what is
        }
        Plan plan = plan(before);
        if (plan == null || plan.going().isEmpty() && !plan.tail()) {
            return;
        }
        try (StoreLock.Held held = lock.acquire()) {
            BasicFileAttributes now = attributes();
            if (now == null) {
                return;
            }
            Plan known = now.fileKey() != null && now.fileKey().equals(plan.key()) ? plan : null;
            if (known != null && known.going().isEmpty() && !tornTail()) {
                return; // the line without its newline was an append in progress, now ended
            }
            try {
                AtomicFiles.replace(file).through(temp).keepingMode(OwnerOnly.FILE).onlyOverRegularFile()
                        .write(out -> {
                            keep(out, before, known);
                            return null;
                        });
                synchronized (this) {
                    warnedSkipped = 0; // the skipped lines are gone: new ones are worth a warning again
                }
            } catch (IOException e) {
                throw IoErrors.failed(Access.WRITE, "prune the " + WHAT + " '" + file + "' (it is unchanged)", e,
                        ErrorCode.CANNOT_OPEN);
            }
        }
    }

    /**
     * What a read ahead of a prune found in the file {@code key}: which of its lines go (by their number), a hash of
     * each to know it again, and whether it ended in a line without its newline.
     */
    private record Plan(Object key, BitSet going, int[] hashes, boolean tail) {
    }

    /** Reads the file without the lock; null when there is none. */
    private Plan plan(Instant before) {
        BasicFileAttributes first = attributes();
        if (first == null) {
            return null;
        }
        BitSet going = new BitSet();
        int[][] hashes = {new int[1024]};
        int[] index = {0};
        Counted counted;
        try (InputStream in = open()) {
            if (in == null) {
                return null;
            }
            counted = lines(in, (bytes, length) -> {
                int i = index[0]++;
                if (i == hashes[0].length) {
                    hashes[0] = Arrays.copyOf(hashes[0], i * 2);
                }
                hashes[0][i] = hash(bytes, length);
                Instant time = time(fields(bytes, length));
                if (time == null || time.isBefore(before)) {
                    going.set(i);
                }
                return time != null;
            });
        } catch (IOException e) {
            throw IoErrors.failed(Access.READ, "prune the " + WHAT + " '" + file + "'", e, ErrorCode.CANNOT_OPEN);
        }
        report(counted.bad());
        BasicFileAttributes last = attributes();
        Object key = last != null && first.fileKey() != null && first.fileKey().equals(last.fileKey())
                ? first.fileKey() : new Object(); // replaced while read: every line is judged again under the lock
        return new Plan(key, going, Arrays.copyOf(hashes[0], index[0]), counted.tail());
    }

    /**
     * Copies the lines of the window to {@code out}: a line the readers would skip goes with the old ones. The lines
     * {@code known} judged keep its judgement.
     */
    private void keep(OutputStream out, Instant before, Plan known) throws IOException {
        int[] index = {0};
        try (InputStream in = open()) {
            if (in == null) {
                return;
            }
            lines(in, (bytes, length) -> {
                int i = index[0]++;
                boolean goes;
                if (length < 0) {
                    goes = true;
                } else if (known != null && i < known.hashes().length && known.hashes()[i] == hash(bytes, length)) {
                    goes = known.going().get(i);
                } else {
                    Instant time = time(fields(bytes, length));
                    goes = time == null || time.isBefore(before);
                }
                if (!goes) {
                    out.write(bytes, 0, length);
                    out.write('\n');
                }
                return true;
            });
        }
    }

    /** FNV-1a of a line, to know it again. */
    private static int hash(byte[] bytes, int length) {
        int hash = 0x811C9DC5;
        for (int i = 0; i < length; i++) {
            hash = (hash ^ (bytes[i] & 0xFF)) * 0x01000193;
        }
        return hash;
    }

    /** The file's attributes, not following a link; null when nothing is there or it cannot be read. */
    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the file ends in a line without its newline (a crash in an append); hold the lock. */
    private boolean tornTail() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            return size > 0 && lastByte(channel, size) != '\n';
        } catch (IOException e) {
            return false;
        }
    }

    /** The time a line is kept by: a row's minute or a record's end; null for a line the readers skip. */
    private static Instant time(Map<String, Object> fields) {
        if (fields == null) {
            return null;
        }
        Object type = fields.get("type");
        if (MINUTE.equals(type)) {
            Instant minute = instant(fields.get("minute"));
            String name = text(fields.get("operation"), MAX_NAME);
            return minute == null || name == null || minute(fields, minute, name) == null ? null : minute;
        }
        if (SLOW.equals(type)) {
            SlowOperation record = slow(fields);
            return record == null ? null : record.at();
        }
        return null;
    }

    /**
     * What a complete line gives ({@code length} -1: longer than {@value #MAX_LINE} bytes, not held): true when it is
     * a line of the log, false when it is to be skipped.
     */
    @FunctionalInterface
    private interface Line {
        boolean accept(byte[] bytes, int length) throws IOException;
    }

    /**
     * Reads every complete line of the file; false when there is no file. Counts the skipped lines and warns once
     * per change of their number, naming neither their content nor anything in them.
     */
    private void scan(String what, Line line) {
        long bad;
        try (InputStream in = open()) {
            if (in == null) {
                skipped.set(0);
                return;
            }
            bad = lines(in, line).bad();
        } catch (IOException e) {
            throw IoErrors.failed(Access.READ, what + " the " + WHAT + " '" + file + "'", e, ErrorCode.CANNOT_OPEN);
        }
        report(bad);
    }

    /** Keeps the number of lines skipped, and warns once it grows, naming neither their content nor anything in them. */
    private void report(long bad) {
        skipped.set(bad);
        synchronized (this) {
            if (bad > warnedSkipped) { // once, not on every read: a reader of slow records checks less of a row
                LOG.warn("skipped {} line(s) of the {} '{}' that are not its records (damaged, cut short by a crash, "
                        + "or written by something else); the hourly prune removes them", bad, WHAT, file);
                warnedSkipped = bad;
            }
        }
    }

    /** The file to read, or null when there is none; anything but a regular file is refused, never opened. */
    private InputStream open() throws IOException {
        if (!requireRegularOrNothing()) {
            return null;
        }
        try {
            return Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return null; // pruned away between the look and the open: nothing to read
        }
    }

    /** What {@link #lines} went through: the lines skipped, and whether the last had no newline. */
    private record Counted(long bad, boolean tail) {
    }

    /**
     * Hands each complete line (without its newline) of at most {@value #MAX_LINE} bytes to {@code line}; a longer
     * one is passed over without being held, as length -1, and counted as skipped. The last line without a newline is
     * an append in progress (or one a crash cut short, which the next append ends) and is left out.
     */
    private static Counted lines(InputStream in, Line line) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        byte[] current = new byte[MAX_LINE];
        int length = 0;
        boolean tooLong = false;
        long bad = 0;
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    if (!line.accept(current, tooLong ? -1 : length) || tooLong) {
                        bad++;
                    }
                    length = 0;
                    tooLong = false;
                } else if (length < MAX_LINE) {
                    current[length++] = b;
                } else {
                    tooLong = true;
                }
            }
        }
        return new Counted(bad, length > 0 || tooLong);
    }

    /**
     * The fields of a line that is one flat JSON object of at most {@value #MAX_FIELDS} fields, each a string, a
     * number or null, no name twice and no string with a control character; else null.
     */
    private static Map<String, Object> fields(byte[] bytes, int length) {
        if (length < 0) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(bytes, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> fields = new HashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME || fields.size() == MAX_FIELDS) {
                    return null;
                }
                String name = parser.currentName();
                Object value = switch (parser.nextToken()) {
                    case VALUE_STRING -> parser.getText();
                    case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null
                            : (Object) parser.getLongValue();
                    case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                    case VALUE_NULL -> Null.VALUE;
                    default -> null; // nested, true or false: not a field of the log
                };
                if (value == null || value instanceof String s && hasControl(s) || fields.put(name, value) != null) {
                    return null;
                }
            }
            return parser.nextToken() == null ? fields : null;
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, not UTF-8, a number out of range: a line to skip
        }
    }

    /** A JSON null, apart from a field that is not there. */
    private enum Null {
        VALUE
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static MinuteAggregate minute(Map<String, Object> fields, Instant minute, String operation) {
        String instance = text(fields.get("instance"), MAX_INSTANCE);
        long count = count(fields.get("count"));
        long errors = count(fields.get("errors"));
        long faults = count(fields.get("faults"));
        long sum = count(fields.get("sumMicros"));
        long max = count(fields.get("maxMicros"));
        String encoded = text(fields.get("sketch"), MAX_LINE);
        if (instance == null || count < 0 || errors < 0 || errors > count || faults < 0 || faults > errors
                || sum < 0 || max < 0 || encoded == null) {
            return null;
        }
        LatencySketch sketch;
        try {
            sketch = LatencySketch.decode(Base64.getDecoder().decode(encoded));
        } catch (RuntimeException e) {
            return null; // not base64, not a sketch, or bucket numbers out of range
        }
        if (sketch.count() != count) {
            return null;
        }
        return new MinuteAggregate(minute, operation, instance, count, errors, faults, sum, max, sketch);
    }

    private static SlowOperation slow(Map<String, Object> fields) {
        Instant at = instant(fields.get("at"));
        String operation = text(fields.get("operation"), MAX_NAME);
        double duration = millis(fields.get("durationMs"));
        String backend = text(fields.get("backend"), MAX_NAME);
        String outcome = text(fields.get("outcome"), MAX_NAME);
        long attempts = count(fields.get("attempts"));
        double poolWait = millis(fields.get("poolWaitMs"));
        String instance = text(fields.get("instance"), MAX_INSTANCE);
        Object requestId = fields.get("requestId");
        String request = requestId == null || requestId == Null.VALUE ? null : text(requestId, MAX_REQUEST_ID);
        if (at == null || operation == null || duration < 0 || backend == null || outcome == null || attempts < 1
                || attempts > Integer.MAX_VALUE || poolWait < 0 || instance == null
                || requestId != null && requestId != Null.VALUE && request == null) {
            return null;
        }
        return new SlowOperation(at, operation, duration, backend, outcome, (int) attempts, poolWait, instance,
                request);
    }

    /** A non-empty string of at most {@code max} characters, else null. */
    private static String text(Object value, int max) {
        return value instanceof String s && !s.isEmpty() && s.length() <= max ? s : null;
    }

    /** A whole number of at least 0, else -1. */
    private static long count(Object value) {
        return value instanceof Long n && n >= 0 ? n : -1;
    }

    /** A finite number of at least 0, else -1. */
    private static double millis(Object value) {
        double d = value instanceof Long n ? n : value instanceof Double x ? x : -1;
        return Double.isFinite(d) && d >= 0 ? d : -1;
    }

    private static Instant instant(Object value) {
        if (!(value instanceof String s) || s.length() > 40) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
