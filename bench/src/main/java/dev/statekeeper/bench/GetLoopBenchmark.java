package dev.statekeeper.bench;

import dev.statekeeper.core.domain.Loop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Reading one loop with its feedback, on SQLite and on PostgreSQL (the store with its default pool), from a
 * database of {@value #LOOPS} loops, each with {@value #FEEDBACK_PER_LOOP} feedback entries, the loops
 * visited in a fixed random order. The baseline ({@link LoopReader}) runs the same SELECT (the loop joined with its feedback) with prepared
 * statements on one connection in auto-commit mode and reads every column; it builds no objects and parses
 * no JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class GetLoopBenchmark {
    static final int LOOPS = 10_000;
    static final int FEEDBACK_PER_LOOP = 3;

    @Param({"sqlite", "postgres"})
    public String backend;

    /** {@code on}: the store as StateStores opens it, every operation timed; {@code none}: the bare store. */
    @Param({"on", "none"})
    public String oplog;

    private BenchBackend db;
    private String[] ids;
    private int next;
    private LoopReader reader;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = BenchBackend.create(backend, oplog);
        ids = shuffledLoops(db);
        reader = new LoopReader(db, db.jdbc());
    }

    /** Prefills the {@value #LOOPS} loops, checks one, and returns their ids in a fixed random order. */
    static String[] shuffledLoops(BenchBackend db) throws SQLException {
        List<String> created = new ArrayList<>(db.prefillLoops(LOOPS, FEEDBACK_PER_LOOP));
        Loop check = db.store().getLoop(created.getLast());
        if (check.feedback().size() != FEEDBACK_PER_LOOP) {
            throw new IllegalStateException("prefill gave " + check.feedback().size() + " entries");
        }
        db.settle();
        Collections.shuffle(created, new Random(42));
        return created.toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    private String nextId() {
        String id = ids[next];
        next = next + 1 == ids.length ? 0 : next + 1;
        return id;
    }

    @Benchmark
    public Loop statekeeper() {
        return db.store().getLoop(nextId());
    }

    @Benchmark
    public void jdbc(Blackhole bh) throws SQLException {
        reader.read(nextId(), bh);
    }
}
