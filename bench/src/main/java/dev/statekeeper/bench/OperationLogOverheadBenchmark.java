package dev.statekeeper.bench;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * What the operation log costs an operation, without a database to hide it: {@code getLoop} on a memory store (a
 * map lookup and a copy), opened through StateStores ({@code on}: timed into the log) or as the bare store
 * ({@code none}), on 1 and 4 threads (the per-operation cell is shared). The difference in ns/op is the log's cost on
 * every backend; set against a backend's own time per operation it is the overhead there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OperationLogOverheadBenchmark {
    @Param({"on", "none"})
    public String oplog;

    private StateStore store;
    private String id;

    @Setup(Level.Trial)
    public void open() {
        Settings settings = Settings.builder().set(Setting.BACKEND, "memory").build();
        store = oplog.equals("on") ? StateStores.open(settings)
                : Backends.require("memory").open(settings, Clock.systemUTC());
        id = store.createLoop(NewLoop.of(Samples.PROJECT, LoopType.SPEC)).id();
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public Loop getLoop() {
        return store.getLoop(id);
    }

    @Benchmark
    @Threads(4)
    public Loop getLoop4Threads() {
        return store.getLoop(id);
    }
}
