package dev.statekeeper.bench;

import dev.statekeeper.core.domain.LoopSummary;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL: listing the active loops ({@code activeLoops()}: the newest STATEKEEPER_LOOP_HISTORY_SIZE = 10
 * entries of the active history with their loop rows) on the 10,000-loop database of
 * {@link GetLoopBenchmark}. The baseline runs the store's one SELECT (history joined with the loop
 * rows, newest first, LIMIT 10) and reads every column.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PostgresActiveLoopsBenchmark {
    private static final int HISTORY_SIZE = 10;

    private PgDatabase db;
    private PreparedStatement selectActive;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = PgDatabase.create();
        GetLoopBenchmark.shuffledLoops(db);
        int active = db.store().activeLoops().size();
        if (active != HISTORY_SIZE) {
            throw new IllegalStateException(active + " active loops, expected " + HISTORY_SIZE);
        }
        selectActive = db.jdbc().prepare("SELECT " + LoopReader.LOOP_COLUMNS
                + " FROM loop_history h JOIN loop_states l ON l.id = h.loop_id ORDER BY h.sequence_number DESC LIMIT ?");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    @Benchmark
    public List<LoopSummary> statekeeper() {
        return db.store().activeLoops();
    }

    @Benchmark
    public void jdbc(Blackhole bh) throws SQLException {
        selectActive.setInt(1, HISTORY_SIZE);
        try (ResultSet rows = selectActive.executeQuery()) {
            while (rows.next()) {
                LoopReader.consumeLoopRow(db, rows, bh);
            }
        }
    }
}
