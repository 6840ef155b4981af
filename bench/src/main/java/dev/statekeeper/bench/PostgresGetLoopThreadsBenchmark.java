package dev.statekeeper.bench;

import dev.statekeeper.core.domain.Loop;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * PostgreSQL: getLoop throughput with 1, 8 and 32 JMH threads sharing one store whose pool holds at most
 * {@value #POOL_MAX_SIZE} connections (DATABASE_POOL_MAX_SIZE; DATABASE_POOL_TIMEOUT at its default 30 s),
 * on the 10,000-loop database of {@link GetLoopBenchmark}; each thread walks the shuffled ids from
 * its own offset. A failed call (a pool timeout, any error) is counted, not thrown: the {@code errors}
 * counter is reported next to the score and must be 0. The {@code jdbc*} baselines give each thread a
 * plain connection of its own (no pool, so 32 connections at 32 threads) with the same two SELECTs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PostgresGetLoopThreadsBenchmark {
    static final int POOL_MAX_SIZE = 10;

    private PgDatabase db;
    private String[] ids;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = PgDatabase.create(POOL_MAX_SIZE);
        ids = GetLoopBenchmark.shuffledLoops(db);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        System.out.println("\n[PostgresGetLoopThreadsBenchmark] failed calls in the whole trial (warm-up included): "
                + failures.get() + (firstFailure.get() == null ? "" : ", first: " + firstFailure.get()));
        db.close();
    }

    /** Where one thread is in the shuffled ids. */
    @State(Scope.Thread)
    public static class Cursor {
        private String[] ids;
        private int next;

        @Setup(Level.Trial)
        public void start(PostgresGetLoopThreadsBenchmark bench, ThreadParams thread) {
            ids = bench.ids;
            next = thread.getThreadIndex() * 313 % ids.length;
        }

        String nextId() {
            String id = ids[next];
            next = next + 1 == ids.length ? 0 : next + 1;
            return id;
        }
    }

    /** Failed calls per iteration, reported by JMH as the secondary result {@code errors}. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Errors {
        public long errors;

        @Setup(Level.Iteration)
        public void reset() {
            errors = 0;
        }
    }

    /** One plain connection per thread, for the baselines. */
    @State(Scope.Thread)
    public static class Jdbc {
        private PlainJdbc jdbc;
        private LoopReader reader;

        @Setup(Level.Trial)
        public void open(PostgresGetLoopThreadsBenchmark bench) throws SQLException {
            jdbc = bench.db.connect();
            reader = new LoopReader(bench.db, jdbc);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            jdbc.close();
        }
    }

    private Loop get(Cursor cursor, Errors errors) {
        try {
            return db.store().getLoop(cursor.nextId());
        } catch (RuntimeException e) {
            errors.errors++;
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, e);
            return null;
        }
    }

    private void read(Jdbc jdbc, Cursor cursor, Errors errors, Blackhole bh) {
        try {
            jdbc.reader.read(cursor.nextId(), bh);
        } catch (SQLException | RuntimeException e) {
            errors.errors++;
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, e);
        }
    }

    @Benchmark
    @Threads(1)
    public Loop statekeeper01(Cursor cursor, Errors errors) {
        return get(cursor, errors);
    }

    @Benchmark
    @Threads(8)
    public Loop statekeeper08(Cursor cursor, Errors errors) {
        return get(cursor, errors);
    }

    @Benchmark
    @Threads(32)
    public Loop statekeeper32(Cursor cursor, Errors errors) {
        return get(cursor, errors);
    }

    @Benchmark
    @Threads(1)
    public void jdbc01(Jdbc jdbc, Cursor cursor, Errors errors, Blackhole bh) {
        read(jdbc, cursor, errors, bh);
    }

    @Benchmark
    @Threads(8)
    public void jdbc08(Jdbc jdbc, Cursor cursor, Errors errors, Blackhole bh) {
        read(jdbc, cursor, errors, bh);
    }

    @Benchmark
    @Threads(32)
    public void jdbc32(Jdbc jdbc, Cursor cursor, Errors errors, Blackhole bh) {
        read(jdbc, cursor, errors, bh);
    }
}
