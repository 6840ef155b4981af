package dev.statekeeper.core.internal.oplog;

import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.perf.OperationListener;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.core.perf.RequestTag;
import dev.statekeeper.core.perf.SlowOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The operation log of one open store: counts every operation into a per-operation cell for the current minute
 * (a short lock on one of the cell's stripes, no allocation), hands closed minutes and slow operations to a
 * background writer that stores them every minute and on close, and reads them back merged with what this process
 * has not yet written.
 * Nothing here runs a database call on an operation's path, and nothing here throws into one.
 */
public final class OperationRecorder implements OperationLog {
    private static final Logger LOG = LoggerFactory.getLogger(OperationRecorder.class);
    /** Slow operations are logged under their own name, so a deployment can route or quiet them alone. */
    private static final Logger SLOW = LoggerFactory.getLogger(SlowOperation.class);
    /** Rows kept in memory when they cannot be written (or there is no storage): an hour of 300 operations. */
    static final int MAX_PENDING_ROWS = 18_000;
    /** Slow-operation records kept in memory until written. */
    static final int MAX_SLOW_QUEUED = 1_000;
    private static final Duration KEEP_UNWRITTEN = Duration.ofHours(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final long FLUSH_SECONDS = 60;
    /** Stripes of a {@link Cell}: a power of two, more than the threads a busy process runs operations on at once. */
    private static final int STRIPES = 16;

    private final String backend;
    private final OperationLogStorage storage;
    private final long slowNanos;
    private final Duration retention;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cell> cells = new ConcurrentHashMap<>();
    private final ArrayDeque<MinuteAggregate> pending = new ArrayDeque<>();
    private final ArrayDeque<SlowOperation> slowQueue = new ArrayDeque<>();
    private final List<OperationListener> listeners = new CopyOnWriteArrayList<>();
    private final Object flushLock = new Object();
    private final ScheduledExecutorService writer;
    private final boolean writes;
    private volatile String problem;
    private Instant lastPrune = Instant.EPOCH;
    private long droppedRows;
    private long droppedSlow;

    /**
     * @param backend   the backend's name, for slow-operation records
     * @param storage   where the log is kept, or null to keep it in this process only
     * @param slowMs    operations at least this long are recorded one by one
     * @param retention how long the stored log keeps rows
     * @param clock     the clock that stamps minutes
     */
    public OperationRecorder(String backend, OperationLogStorage storage, long slowMs, Duration retention,
                             Clock clock) {
        this(backend, storage, slowMs, retention, clock, true);
    }

    /**
     * A log that only reads what is stored, for a process that runs no operations of its own (the doctor in the
     * CLI): no writer thread, and {@link #flush()} writes nothing.
     *
     * @param backend the backend's name
     * @param storage where the log is kept
     * @param slowMs  STATEKEEPER_SLOW_OPERATION_MS, as {@link #slowThresholdMs()} answers it
     * @param clock   the clock
     * @return the reading log
     */
    public static OperationLog reading(String backend, OperationLogStorage storage, long slowMs, Clock clock) {
        return new OperationRecorder(backend, storage, slowMs, Duration.ofDays(365), clock, false);
    }

    private OperationRecorder(String backend, OperationLogStorage storage, long slowMs, Duration retention,
                              Clock clock, boolean writes) {
        this.writes = writes;
        this.backend = backend;
        this.storage = storage;
        this.slowNanos = TimeUnit.MILLISECONDS.toNanos(slowMs);
        this.retention = retention;
        this.clock = clock;
        if (storage == null || !writes) {
            writer = null;
        } else {
            writer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "statekeeper-oplog");
                thread.setDaemon(true);
                return thread;
            });
            long toNextMinute = FLUSH_SECONDS - (System.currentTimeMillis() / 1000 % FLUSH_SECONDS) + 1;
            writer.scheduleWithFixedDelay(this::flushQuietly, toNextMinute, FLUSH_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Counts an operation that ended. Called on the operation's thread; cheap and never throws.
     *
     * @param operation the StateStore method
     * @param outcome   {@code ok} or the error code's wire form
     * @param error     whether it failed
     * @param fault     whether it failed on the store's side
     * @param nanos     how long it took
     * @param probe     the backend's counts for the operation
     */
    void ended(String operation, String outcome, boolean error, boolean fault, long nanos, Probe probe) {
        for (OperationListener listener : listeners) {
            try {
                listener.ended(operation, outcome, nanos);
            } catch (RuntimeException e) {
                // a listener must not fail an operation; it is told again next time
            }
        }
        long now = clock.millis();
        Cell cell = cells.get(operation);
        if (cell == null) {
            cell = cells.computeIfAbsent(operation, Cell::new);
        }
        MinuteAggregate closed = cell.record(Math.floorDiv(now, 60_000L), nanos / 1_000, error, fault);
        if (closed != null) {
            keep(closed);
        }
        if (nanos >= slowNanos) {
            slow(operation, outcome, nanos, probe, Instant.ofEpochMilli(now));
        }
    }

    private void slow(String operation, String outcome, long nanos, Probe probe, Instant at) {
        SlowOperation record = new SlowOperation(at, operation, nanos / 1e6, backend, outcome, probe.attempts(),
                probe.poolWaitNanos() / 1e6, Instance.ID, RequestTag.current());
        SLOW.warn("slow operation: {} took {} ms (STATEKEEPER_SLOW_OPERATION_MS = {}): {}, {} attempt(s), {} ms "
                        + "waiting for a connection{}", operation, Math.round(record.durationMs()),
                TimeUnit.NANOSECONDS.toMillis(slowNanos), outcome, record.attempts(), Math.round(record.poolWaitMs()),
                record.requestId() == null ? "" : ", request " + record.requestId());
        synchronized (slowQueue) {
            if (slowQueue.size() >= MAX_SLOW_QUEUED) {
                slowQueue.pollFirst();
                droppedSlow++;
            }
            slowQueue.addLast(record);
        }
    }

    private void keep(MinuteAggregate row) {
        synchronized (pending) {
            if (pending.size() >= MAX_PENDING_ROWS) {
                pending.pollFirst();
                droppedRows++;
            }
            pending.addLast(row);
        }
    }

    @Override
    public void addListener(OperationListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(OperationListener listener) {
        listeners.remove(listener);
    }

    @Override
    public long slowThresholdMs() {
        return TimeUnit.NANOSECONDS.toMillis(slowNanos);
    }

    @Override
    public boolean persistent() {
        return storage != null;
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public void flush() {
        if (storage == null || !writes) {
            return;
        }
        synchronized (flushLock) {
            List<MinuteAggregate> rows = drainRows();
            List<SlowOperation> slow = drainSlow();
            if (!rows.isEmpty() || !slow.isEmpty()) {
                try {
                    storage.write(rows, slow);
                    if (problem != null) {
                        LOG.info("the operation log is written again");
                    }
                    problem = null;
                } catch (RuntimeException e) {
                    putBack(rows, slow);
                    failed("write", e);
                    return; // the write's failure is the news: pruning waits for a flush that writes
                }
            }
            prune();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException | Error e) {
            // flush catches the storage's failures; this is a bug, but the writer must keep running
            LOG.warn("the operation log writer failed", e);
        }
    }

    private void prune() {
        Instant now = clock.instant();
        if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) < 0) {
            return;
        }
        try {
            storage.prune(now.minus(retention));
            lastPrune = now;
        } catch (RuntimeException e) {
            failed("prune", e);
        }
    }

    private void failed(String what, RuntimeException e) {
        String reason = e instanceof StatekeeperException s ? s.code().wire() + ": " + s.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        if (problem == null) {
            LOG.warn("the operation log could not {} ({}); it keeps the last hour in memory and tries again every "
                    + "minute", what, reason);
        }
        problem = "could not " + what + " the stored operation log: " + reason;
    }

    /** The closed minutes, then the current ones: one row per minute and operation however many stripes had a share. */
    private List<MinuteAggregate> drainRows() {
        List<MinuteAggregate> rows;
        synchronized (pending) {
            rows = new ArrayList<>(pending);
            pending.clear();
        }
        Map<MinuteAggregate.Key, MinuteAggregate> current = new LinkedHashMap<>();
        for (Cell cell : cells.values()) {
            cell.drain(row -> current.merge(row.key(), row, MinuteAggregate::plus));
        }
        rows.addAll(current.values());
        return rows;
    }

    private List<SlowOperation> drainSlow() {
        synchronized (slowQueue) {
            List<SlowOperation> slow = new ArrayList<>(slowQueue);
            slowQueue.clear();
            return slow;
        }
    }

    private void putBack(List<MinuteAggregate> rows, List<SlowOperation> slow) {
        Instant oldest = clock.instant().minus(KEEP_UNWRITTEN);
        synchronized (pending) {
            List<MinuteAggregate> newer = new ArrayList<>(pending);
            pending.clear();
            for (MinuteAggregate row : rows) {
                if (row.minute().isBefore(oldest)) {
                    droppedRows++;
                } else {
                    pending.addLast(row);
                }
            }
            newer.forEach(this::keepLocked);
        }
        synchronized (slowQueue) {
            List<SlowOperation> newer = new ArrayList<>(slowQueue);
            slowQueue.clear();
            slowQueue.addAll(slow);
            slowQueue.addAll(newer);
            while (slowQueue.size() > MAX_SLOW_QUEUED) {
                slowQueue.pollFirst();
                droppedSlow++;
            }
        }
    }

    private void keepLocked(MinuteAggregate row) {
        if (pending.size() >= MAX_PENDING_ROWS) {
            pending.pollFirst();
            droppedRows++;
        }
        pending.addLast(row);
    }

    @Override
    public List<OperationStats> stats(Instant since, String operation) {
        Instant from = minuteOf(since);
        Map<String, Totals> byOperation = new LinkedHashMap<>();
        Consumer<MinuteAggregate> merge = row -> {
            if (!row.minute().isBefore(from) && (operation == null || row.operation().equals(operation))) {
                byOperation.computeIfAbsent(row.operation(), k -> new Totals()).add(row);
            }
        };
        synchronized (flushLock) {
            if (storage != null) {
                try {
                    storage.read(from, operation, merge);
                } catch (RuntimeException e) {
                    failed("read", e);
                }
            }
            synchronized (pending) {
                pending.forEach(merge);
            }
            for (Cell cell : cells.values()) {
                cell.snapshot(merge);
            }
        }
        List<OperationStats> stats = new ArrayList<>();
        byOperation.forEach((name, t) -> stats.add(t.stats(name)));
        stats.sort(Comparator.comparingLong(OperationStats::count).reversed().thenComparing(OperationStats::operation));
        return stats;
    }

    @Override
    public List<SlowOperation> slow(Instant since, int limit) {
        List<SlowOperation> slow = new ArrayList<>();
        synchronized (flushLock) {
            if (storage != null) {
                try {
                    slow.addAll(storage.readSlow(since, limit));
                } catch (RuntimeException e) {
                    failed("read", e);
                }
            }
            synchronized (slowQueue) {
                slow.addAll(slowQueue);
            }
        }
        return slow.stream()
                .filter(s -> !s.at().isBefore(since))
                .sorted(Comparator.comparingDouble(SlowOperation::durationMs).reversed())
                .limit(Math.max(0, limit))
                .toList();
    }

    /**
     * Stops the background writer and writes what is left. The store must still be open.
     */
    public void close() {
        if (writer != null) {
            writer.shutdown();
            try {
                if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("the operation log writer did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
        if (droppedRows > 0 || droppedSlow > 0) {
            LOG.warn("the operation log dropped {} minute row(s) and {} slow-operation record(s) it could not write",
                    droppedRows, droppedSlow);
        }
    }

    static Instant minuteOf(Instant time) {
        return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), 60L) * 60);
    }

    /**
     * One operation's current minute, in {@value #STRIPES} stripes picked by thread id: concurrent callers of the
     * same operation take different locks, so one descheduled while it holds its stripe's lock (on a busy machine a
     * stall of milliseconds) holds up no other. Each stripe closes its own minute when it next counts; a flush
     * ({@link #drainRows}) adds the stripes' current minutes up, one row per minute.
     */
    private static final class Cell {
        private final Stripe[] stripes = new Stripe[STRIPES];

        Cell(String operation) {
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new Stripe(operation);
            }
        }

        MinuteAggregate record(long minute, long micros, boolean error, boolean fault) {
            return stripes[(int) Thread.currentThread().threadId() & (STRIPES - 1)].record(minute, micros, error, fault);
        }

        /** Hands each stripe's current minute to the sink, closing it. */
        void drain(Consumer<MinuteAggregate> sink) {
            each(Stripe::drain, sink);
        }

        /** Hands each stripe's current minute to the sink, leaving it open. */
        void snapshot(Consumer<MinuteAggregate> sink) {
            each(Stripe::snapshot, sink);
        }

        private void each(Function<Stripe, MinuteAggregate> read, Consumer<MinuteAggregate> sink) {
            for (Stripe stripe : stripes) {
                MinuteAggregate row = read.apply(stripe);
                if (row != null) {
                    sink.accept(row);
                }
            }
        }
    }

    /** A share of one operation's current minute. */
    private static final class Stripe {
        private final String operation;
        private long minute = Long.MIN_VALUE;
        private long count;
        private long errors;
        private long faults;
        private long sumMicros;
        private long maxMicros;
        private LatencySketch sketch = new LatencySketch();

        Stripe(String operation) {
            this.operation = operation;
        }

        synchronized MinuteAggregate record(long minute, long micros, boolean error, boolean fault) {
            MinuteAggregate closed = null;
            if (minute != this.minute) {
                closed = drain();
                this.minute = minute;
            }
            count++;
            if (error) {
                errors++;
            }
            if (fault) {
                faults++;
            }
            sumMicros += micros;
            maxMicros = Math.max(maxMicros, micros);
            sketch.record(micros);
            return closed;
        }

        synchronized MinuteAggregate drain() {
            if (count == 0) {
                return null;
            }
            MinuteAggregate row = row(sketch);
            sketch = new LatencySketch();
            count = 0;
            errors = 0;
            faults = 0;
            sumMicros = 0;
            maxMicros = 0;
            return row;
        }

        synchronized MinuteAggregate snapshot() {
            return count == 0 ? null : row(sketch.copy());
        }

        private MinuteAggregate row(LatencySketch of) {
            return new MinuteAggregate(Instant.ofEpochSecond(minute * 60), operation, Instance.ID, count, errors,
                    faults, sumMicros, maxMicros, of);
        }
    }

    /** Sums of rows. */
    private static final class Totals {
        private long count;
        private long errors;
        private long faults;
        private long sumMicros;
        private long maxMicros;
        private final LatencySketch sketch = new LatencySketch();

        void add(MinuteAggregate row) {
            count += row.count();
            errors += row.errors();
            faults += row.faults();
            sumMicros += row.sumMicros();
            maxMicros = Math.max(maxMicros, row.maxMicros());
            sketch.merge(row.sketch());
        }

        OperationStats stats(String operation) {
            return new OperationStats(operation, count, errors, faults, count == 0 ? 0 : sumMicros / 1e3 / count,
                    // a sketch answers within 1 % of the value of its rank: never past the exact maximum
                    Math.min(sketch.quantile(0.50), maxMicros) / 1e3, Math.min(sketch.quantile(0.95), maxMicros) / 1e3,
                    Math.min(sketch.quantile(0.99), maxMicros) / 1e3, maxMicros / 1e3);
        }
    }

    /** This process as the log names it. */
    static final class Instance {
        static final String ID = host() + ":" + ProcessHandle.current().pid();

        private Instance() {
        }

        private static String host() {
            for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
                String value = System.getenv(variable);
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
            try {
                List<String> lines = Files.readAllLines(Path.of("/etc/hostname"));
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return lines.get(0).strip();
                }
            } catch (IOException | RuntimeException e) {
                // no such file on this system
            }
            return "localhost";
        }
    }
}
