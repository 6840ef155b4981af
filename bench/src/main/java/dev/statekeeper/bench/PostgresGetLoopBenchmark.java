package dev.statekeeper.bench;

import dev.statekeeper.core.domain.Loop;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL: reading one loop with its feedback from a database of {@value GetLoopBenchmark#LOOPS} loops,
 * each with {@value GetLoopBenchmark#FEEDBACK_PER_LOOP} feedback entries, the loops visited in a fixed random
 * order; the store with its default pool. The baseline runs the same two SELECTs with prepared statements on
 * one connection in auto-commit mode and reads every column; it builds no objects and parses no JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PostgresGetLoopBenchmark {
    private PgDatabase db;
    private String[] ids;
    private int next;
    private Reader reader;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = PgDatabase.create();
        ids = shuffledLoops(db);
        reader = new Reader(db.jdbc());
    }

    /** Prefills the 10,000 loops and returns their ids in a fixed random order. */
    static String[] shuffledLoops(PgDatabase db) throws SQLException {
        List<String> created = new ArrayList<>(db.prefillLoops(GetLoopBenchmark.LOOPS,
                GetLoopBenchmark.FEEDBACK_PER_LOOP));
        Loop check = db.store().getLoop(created.getLast());
        if (check.feedback().size() != GetLoopBenchmark.FEEDBACK_PER_LOOP) {
            throw new IllegalStateException("prefill gave " + check.feedback().size() + " entries");
        }
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

    /** The baseline's two SELECTs, prepared once on one connection. */
    static final class Reader {
        private final PreparedStatement selectLoop;
        private final PreparedStatement selectFeedback;

        Reader(PlainJdbc jdbc) throws SQLException {
            selectLoop = jdbc.prepare("""
                    SELECT id, project_name, loop_type, status, current_score, iteration, feedback_count, created_at,
                           updated_at, version
                    FROM loop_states WHERE id = ?""");
            selectFeedback = jdbc.prepare("""
                    SELECT critic_agent, iteration, overall_score, assessment_summary, detailed_feedback, key_issues,
                           recommendations, assessed_at
                    FROM critic_feedback WHERE loop_id = ? ORDER BY seq""");
        }

        void read(String id, Blackhole bh) throws SQLException {
            selectLoop.setString(1, id);
            try (ResultSet row = selectLoop.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no loop " + id);
                }
                bh.consume(row.getString(1));
                bh.consume(row.getString(2));
                bh.consume(row.getString(3));
                bh.consume(row.getString(4));
                bh.consume(row.getInt(5));
                bh.consume(row.getInt(6));
                bh.consume(row.getInt(7));
                bh.consume(row.getObject(8, OffsetDateTime.class));
                bh.consume(row.getObject(9, OffsetDateTime.class));
                bh.consume(row.getLong(10));
            }
            selectFeedback.setString(1, id);
            try (ResultSet rows = selectFeedback.executeQuery()) {
                while (rows.next()) {
                    bh.consume(rows.getString(1));
                    bh.consume(rows.getInt(2));
                    bh.consume(rows.getInt(3));
                    bh.consume(rows.getString(4));
                    bh.consume(rows.getString(5));
                    bh.consume(rows.getString(6));
                    bh.consume(rows.getString(7));
                    bh.consume(rows.getObject(8, OffsetDateTime.class));
                }
            }
        }
    }
}
