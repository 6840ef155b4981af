package dev.statekeeper.bench;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.internal.domain.Loops;
import dev.statekeeper.core.domain.NewLoop;
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

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Creating a loop: the store's {@code createLoop} against the same three statements in plain JDBC (insert
 * the loop, add it to the active-loop history, trim the history to its default size), each in one
 * {@code BEGIN IMMEDIATE} transaction. The database grows by one loop per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class CreateLoopBenchmark {
    private static final int HISTORY_SIZE = Integer.parseInt(Setting.LOOP_HISTORY_SIZE.defaultValue());

    private BenchDatabase db;
    private PreparedStatement insertLoop;
    private PreparedStatement insertHistory;
    private PreparedStatement trimHistory;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = BenchDatabase.create();
        insertLoop = db.jdbc().prepare("""
                INSERT INTO loop_states (id, project_name, loop_type, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)""");
        insertHistory = db.jdbc().prepare("INSERT INTO loop_history (loop_id, added_at) VALUES (?, ?)");
        trimHistory = db.jdbc().prepare("""
                DELETE FROM loop_history WHERE sequence_number <= (
                    SELECT sequence_number FROM loop_history ORDER BY sequence_number DESC LIMIT 1 OFFSET ?)""");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    @Benchmark
    public Loop statekeeper() {
        return db.store().createLoop(NewLoop.of(Samples.PROJECT, LoopType.SPEC));
    }

    /** Same id scheme as the store ({@link Loops#newId()}), so only the data access differs. */
    @Benchmark
    public String jdbc() throws SQLException {
        String id = Loops.newId();
        Object now = db.time(Instant.now());
        return db.jdbc().inWriteTransaction(() -> {
            insertLoop.setString(1, id);
            insertLoop.setString(2, Samples.PROJECT);
            insertLoop.setString(3, LoopType.SPEC.wire());
            insertLoop.setString(4, LoopStatus.INITIALIZED.wire());
            insertLoop.setObject(5, now);
            insertLoop.setObject(6, now);
            insertLoop.executeUpdate();
            insertHistory.setString(1, id);
            insertHistory.setObject(2, now);
            insertHistory.executeUpdate();
            trimHistory.setInt(1, HISTORY_SIZE);
            trimHistory.executeUpdate();
            return id;
        });
    }
}
