package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.oplog.LatencySketch;
import dev.statekeeper.core.internal.oplog.MinuteAggregate;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.core.perf.SlowOperation;
import dev.statekeeper.testkit.SmallDisk;
import dev.statekeeper.testkit.TestClock;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The json store's operation log, {@code state.json.oplog}: JSON lines written and read back for real, through the
 * storage and through StateStores.open, from several stores and processes, past torn, hostile and unwritable files.
 */
class JsonOperationLogTest {
    private static final Instant M0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant M1 = M0.plusSeconds(60);
    private static final Instant M5 = M0.plusSeconds(300);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Two sketches are the same when they hold the same counts, however much room each has to grow. */
    private static final RecursiveComparisonConfiguration SKETCHES_BY_VALUE = RecursiveComparisonConfiguration.builder()
            .withEqualsForType((a, b) -> Arrays.equals(a.encode(), b.encode()), LatencySketch.class).build();

    @TempDir
    Path dir;

    private Settings settings() {
        return Settings.builder().set(Setting.BACKEND, JsonStoreProvider.NAME).set(Setting.DATA_DIR, dir.toString())
                .build();
    }

    private Path oplog() {
        return dir.resolve("state.json.oplog");
    }

    private OperationLogFile storage() throws Exception {
        return new OperationLogFile(StorePaths.of(settings()), TIMEOUT);
    }

    private static MinuteAggregate row(Instant minute, String operation, long errors, long... micros) {
        LatencySketch sketch = new LatencySketch();
        long sum = 0;
        long max = 0;
        for (long m : micros) {
            sketch.record(m);
            sum += m;
            max = Math.max(max, m);
        }
        return new MinuteAggregate(minute, operation, "host:1", micros.length, errors, 0, sum, max, sketch);
    }

    private static SlowOperation slow(Instant at, String operation, double ms, String requestId) {
        return new SlowOperation(at, operation, ms, "json", "ok", 1, 0, "host:1", requestId);
    }

    private static String sketch(MinuteAggregate row) {
        return Base64.getEncoder().encodeToString(row.sketch().encode());
    }

    private static long count(StateStore store, String operation) {
        return store.operationLog().stats(Instant.EPOCH, operation).stream().mapToLong(OperationStats::count).sum();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void rowsAndSlowOperationsAreWrittenAsJsonLinesAndReadBackByWindowOperationAndLimit() throws Exception {
        MinuteAggregate get0 = row(M0, "getLoop", 1, 100, 200);
        MinuteAggregate create0 = row(M0, "createLoop", 0, 5_000);
        MinuteAggregate get1 = row(M1, "getLoop", 0, 300);
        MinuteAggregate get5 = row(M5, "getLoop", 0, 50);
        SlowOperation slow0 = slow(M0.plusSeconds(30), "getLoop", 1_500, null);
        SlowOperation slow1 = new SlowOperation(M1.plusSeconds(10), "createLoop", 3_000.5, "json", "database-busy", 3,
                12.5, "other:2", "req-1");
        SlowOperation slow5 = slow(M5, "getLoop", 2_000, null);
        OperationLogFile log = storage();
        assertThat(log.readAll(Instant.EPOCH, null)).isEmpty();
        assertThat(oplog()).doesNotExist();

        log.write(List.of(get0, create0), List.of(slow0, slow1));
        log.write(List.of(get1, get5), List.of(slow5));

        List<String> lines = Files.readAllLines(oplog());
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("{\"type\":\"minute\",\"minute\":\"2026-12-01T10:00:00Z\",\"operation\":"
                + "\"getLoop\",\"instance\":\"host:1\",\"count\":2,\"errors\":1,\"faults\":0,\"sumMicros\":300,"
                + "\"maxMicros\":200,\"sketch\":\"" + sketch(get0) + "\"}");
        assertThat(lines.get(3)).isEqualTo("{\"type\":\"slow\",\"at\":\"2026-12-01T10:01:10Z\",\"operation\":"
                + "\"createLoop\",\"durationMs\":3000.5,\"backend\":\"json\",\"outcome\":\"database-busy\","
                + "\"attempts\":3,\"poolWaitMs\":12.5,\"instance\":\"other:2\",\"requestId\":\"req-1\"}");
        assertThat(lines.get(2)).endsWith("\"instance\":\"host:1\",\"requestId\":null}");
        assertThat(mode(oplog())).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("state.json.oplog.lock"))).isEqualTo("rw-------");

        assertThat(log.readAll(Instant.EPOCH, null)).usingRecursiveFieldByFieldElementComparator(SKETCHES_BY_VALUE)
                .containsExactly(get0, create0, get1, get5);
        assertThat(log.readAll(M1, null)).usingRecursiveFieldByFieldElementComparator(SKETCHES_BY_VALUE).containsExactly(get1, get5);
        assertThat(log.readAll(Instant.EPOCH, "getLoop")).usingRecursiveFieldByFieldElementComparator(SKETCHES_BY_VALUE)
                .containsExactly(get0, get1, get5);
        assertThat(log.readAll(M1, "createLoop")).isEmpty();
        assertThat(log.readAll(M5.plusSeconds(60), null)).isEmpty();
        assertThat(log.readSlow(Instant.EPOCH, 10)).containsExactly(slow1, slow5, slow0);
        assertThat(log.readSlow(Instant.EPOCH, 2)).containsExactly(slow1, slow5);
        assertThat(log.readSlow(M0.plusSeconds(31), 10)).containsExactly(slow1, slow5);
        assertThat(log.readSlow(Instant.EPOCH, 0)).isEmpty();
        assertThat(log.readSlow(Instant.EPOCH, -1)).isEmpty();
        assertThat(log.skipped()).isZero();

        log.prune(M1);

        assertThat(log.readAll(Instant.EPOCH, null)).usingRecursiveFieldByFieldElementComparator(SKETCHES_BY_VALUE)
                .containsExactly(get1, get5);
        assertThat(log.readSlow(Instant.EPOCH, 10)).containsExactly(slow1, slow5);
        assertThat(Files.readAllLines(oplog())).containsExactly(lines.get(3), lines.get(4), lines.get(5),
                lines.get(6));
        assertThat(mode(oplog())).isEqualTo("rw-------");
        assertThat(dir.resolve("state.json.oplog.tmp")).doesNotExist();

        byte[] pruned = Files.readAllBytes(oplog());
        log.prune(M1);
        assertThat(Files.readAllBytes(oplog())).as("nothing older: not rewritten").isEqualTo(pruned);
        log.write(List.of(), List.of());
        assertThat(Files.readAllBytes(oplog())).isEqualTo(pruned);
    }

    @Test
    void aSharedFileKeepsItsModeThroughAppendsAndPrunes() throws Exception {
        OperationLogFile log = storage();
        log.write(List.of(row(M0, "getLoop", 0, 10)), List.of());
        Files.setPosixFilePermissions(oplog(), PosixFilePermissions.fromString("rw-r-----"));

        log.write(List.of(row(M1, "getLoop", 0, 10)), List.of());
        log.prune(M1);

        assertThat(log.readAll(Instant.EPOCH, null)).singleElement().satisfies(r -> assertThat(r.minute()).isEqualTo(M1));
        assertThat(mode(oplog())).isEqualTo("rw-r-----");
    }

    @Test
    void everyOperationOfAStoreOpenedThroughStateStoresIsCountedOnceAfterAReopen() throws Exception {
        int n = 37;
        try (StateStore store = StateStores.open(settings(), Clock.systemUTC())) {
            assertThat(store.operationLog().persistent()).isTrue();
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            for (int i = 0; i < n; i++) {
                store.getLoop(loop.id());
            }
        }
        assertThat(oplog()).exists();

        try (StateStore store = StateStores.open(settings(), Clock.systemUTC())) {
            assertThat(count(store, "getLoop")).isEqualTo(n);
            assertThat(count(store, "createLoop")).isEqualTo(1);
            assertThat(store.operationLog().problem()).isNull();
        }
        assertThat(mode(oplog())).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("state.json.oplog.lock"))).isEqualTo("rw-------");
    }

    @Test
    void withTheLogOffNoSideFileIsWritten() {
        Settings off = settings().toBuilder().set(Setting.OPLOG, "false").build();
        try (StateStore store = StateStores.open(off, Clock.systemUTC())) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            assertThat(store.operationLog().persistent()).isFalse();
        }
        assertThat(oplog()).doesNotExist();
        assertThat(dir.resolve("state.json.oplog.lock")).doesNotExist();
    }

    @Test
    void twoStoresOfThisProcessAndASecondProcessWritingTogetherAreMergedExactly() throws Exception {
        String id;
        try (JsonStateStore store = JsonStateStore.open(settings(), Clock.systemUTC())) {
            id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
        }
        JavaProcess other = JavaProcess.start(dir.resolve("err.txt"), OperationLogWriterProcess.class, dir.toString(),
                id, "40");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (StateStore a = StateStores.open(settings(), Clock.systemUTC());
             StateStore b = StateStores.open(settings(), Clock.systemUTC())) {
            other.go();
            List<Future<?>> runs = new ArrayList<>();
            for (Map.Entry<StateStore, Integer> run : Map.of(a, 25, b, 30).entrySet()) {
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < run.getValue(); i++) {
                        run.getKey().getLoop(id);
                        run.getKey().operationLog().flush();
                    }
                }));
            }
            for (Future<?> r : runs) {
                r.get();
            }
            assertThat(a.operationLog().problem()).isNull();
            assertThat(b.operationLog().problem()).isNull();
        } finally {
            threads.shutdown();
        }
        assertThat(other.readLine()).isEqualTo("done");
        assertThat(other.finish()).isEqualTo("problem: null\n");

        try (StateStore store = StateStores.open(settings(), Clock.systemUTC())) {
            assertThat(count(store, "getLoop")).isEqualTo(95);
        }
        OperationLogFile log = storage();
        List<MinuteAggregate> rows = log.readAll(Instant.EPOCH, "getLoop");
        assertThat(log.skipped()).isZero();
        assertThat(rows.stream().collect(Collectors.groupingBy(MinuteAggregate::instance,
                Collectors.summingLong(MinuteAggregate::count))).values()).containsExactlyInAnyOrder(55L, 40L);
    }

    @Test
    void aLineACrashCutShortIsSkippedAndTheNextAppendStartsALineOfItsOwn() throws Exception {
        OperationLogFile log = storage();
        MinuteAggregate first = row(M0, "getLoop", 0, 100);
        MinuteAggregate second = row(M1, "getLoop", 0, 200, 300);
        log.write(List.of(first), List.of());
        String whole = new String(OperationLogFile.encode(List.of(second), List.of()), StandardCharsets.UTF_8);
        String torn = whole.substring(0, whole.length() / 2);
        Files.writeString(oplog(), torn, StandardOpenOption.APPEND);

        assertThat(log.readAll(Instant.EPOCH, null)).usingRecursiveFieldByFieldElementComparator(SKETCHES_BY_VALUE).containsExactly(first);
        assertThat(log.skipped()).as("the last line without its newline may be an append in progress").isZero();

        log.write(List.of(second), List.of());

        assertThat(Files.readAllLines(oplog())).hasSize(3).element(1).isEqualTo(torn);
        assertThat(log.readAll(Instant.EPOCH, null)).usingRecursiveFieldByFieldElementComparator(SKETCHES_BY_VALUE)
                .containsExactly(first, second);
        assertThat(log.skipped()).isEqualTo(1);

        log.prune(M0);
        assertThat(Files.readAllLines(oplog())).hasSize(2).doesNotContain(torn);
        assertThat(log.readAll(Instant.EPOCH, null)).hasSize(2);
        assertThat(log.skipped()).isZero();
    }

    private static String line(MinuteAggregate row) {
        return new String(OperationLogFile.encode(List.of(row), List.of()), StandardCharsets.UTF_8);
    }

    /** Runs a prune on another thread and returns once it waits for the log's lock, which the caller holds. */
    private static Future<?> pruneWaitingForTheLock(ExecutorService thread, OperationLogFile log, Instant before) {
        Thread[] pruner = new Thread[1];
        Future<?> pruned = thread.submit(() -> {
            pruner[0] = Thread.currentThread();
            log.prune(before);
        });
        while (!pruned.isDone() && (pruner[0] == null || pruner[0].getState() != Thread.State.TIMED_WAITING)) {
            Thread.onSpinWait(); // it reads the file without the lock first, then waits for the lock
        }
        return pruned;
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the block, never referenced in it
    void linesAppendedOrAFileReplacedWhileAPruneWaitsForTheLockAreJudgedUnderIt() throws Exception {
        OperationLogFile log = storage();
        MinuteAggregate old = row(M0, "getLoop", 0, 100);
        MinuteAggregate kept = row(M5, "getLoop", 0, 100);
        log.write(List.of(old, kept), List.of());
        StoreLock lock = new StoreLock("operation log", oplog(), dir.resolve("state.json.oplog.lock"), TIMEOUT);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> pruned;
            try (StoreLock.Held held = lock.acquire()) {
                pruned = pruneWaitingForTheLock(thread, log, M1);
                Files.writeString(oplog(), line(row(M0, "putSpec", 0, 7)) + line(row(M5, "putSpec", 0, 7))
                        + "{\"type\":\"minute\"}\n", StandardOpenOption.APPEND);
            }
            pruned.get();
            assertThat(Files.readString(oplog())).isEqualTo(line(kept) + line(row(M5, "putSpec", 0, 7)));

            log.write(List.of(old), List.of());
            try (StoreLock.Held held = lock.acquire()) {
                pruned = pruneWaitingForTheLock(thread, log, M1);
                Path replacement = dir.resolve("replacement");
                Files.writeString(replacement, line(old) + line(kept) + "not json\n" + line(row(M1, "info", 0, 1)));
                Files.move(replacement, oplog(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            pruned.get();
            assertThat(Files.readString(oplog())).isEqualTo(line(kept) + line(row(M1, "info", 0, 1)));
        } finally {
            thread.shutdown();
        }
    }

    @Test
    void aCutShortLastLineAloneIsRemovedByAPrune() throws Exception {
        OperationLogFile log = storage();
        log.write(List.of(row(M1, "getLoop", 0, 100)), List.of());
        Files.writeString(oplog(), "{\"type\":\"min", StandardOpenOption.APPEND);

        log.prune(M0);

        assertThat(Files.readString(oplog())).isEqualTo(new String(OperationLogFile.encode(
                List.of(row(M1, "getLoop", 0, 100)), List.of()), StandardCharsets.UTF_8));
    }

    @Test
    void hostileLinesAreSkippedAndCountedWithoutFailingAndAPruneRemovesThem() throws Exception {
        MinuteAggregate good = row(M0, "getLoop", 0, 100, 200);
        SlowOperation goodSlow = slow(M1, "getLoop", 1_234, "r-1");
        String valid = new String(OperationLogFile.encode(List.of(good), List.of()), StandardCharsets.UTF_8).strip();
        String b64 = sketch(good);
        String head = "{\"type\":\"minute\",\"minute\":\"2026-12-01T10:00:00Z\",\"operation\":\"getLoop\","
                + "\"instance\":\"host:1\",";
        String tail = ",\"errors\":0,\"faults\":0,\"sumMicros\":300,\"maxMicros\":200,\"sketch\":\"" + b64 + "\"}";
        ByteArrayOutputStream overflowing = new ByteArrayOutputStream();
        overflowing.write(new byte[] {1, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, 0x7F, 5, 1, 1, 1, 1, 1}); // lowest bucket near 2^63: past every array
        StringBuilder manyFields = new StringBuilder("{\"type\":\"minute\"");
        for (int i = 0; i < 40; i++) {
            manyFields.append(",\"f").append(i).append("\":").append(i);
        }
        manyFields.append('}');
        List<String> hostile = List.of(
                head.replace("getLoop", "get\u0001Loop") + "\"count\":2" + tail,    // a raw control character
                head.replace("getLoop", "get\\u001bLoop") + "\"count\":2" + tail,   // an escaped one
                head + "\"count\":\"2\"" + tail,                                     // a number as text
                head + "\"count\":2.0" + tail,                                       // not a whole number
                head + "\"count\":-2" + tail,
                head + "\"count\":99999999999999999999999" + tail,
                head + "\"count\":true" + tail,
                head + "\"count\":2,\"count\":2" + tail,                             // a name twice
                head + "\"count\":3" + tail,                                         // not the sketch's count
                head + "\"count\":2" + tail.replace("\"errors\":0", "\"errors\":3"), // more errors than operations
                head + "\"count\":2" + tail.replace(b64, "!!not base64!!"),
                head + "\"count\":5" + tail.replace(b64, Base64.getEncoder().encodeToString(overflowing.toByteArray())),
                head.replace("2026-12-01T10:00:00Z", "yesterday") + "\"count\":2" + tail,
                head + "\"count\":{\"nested\":[1,2,3]}" + tail,
                "[".repeat(200_000),
                "{\"a\":" + "[".repeat(100_000),
                "{\"type\":\"minute\",\"operation\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}",
                valid.replace("\"minute\",", "\"other\","),
                valid + " {}",
                "[1,2]",
                "",
                "null",
                manyFields.toString(),
                "{\"type\":\"slow\",\"at\":\"2026-12-01T10:01:00Z\",\"operation\":\"getLoop\",\"durationMs\":-5,"
                        + "\"backend\":\"json\",\"outcome\":\"ok\",\"attempts\":1,\"poolWaitMs\":0,\"instance\":\"h:1\"}",
                "{\"type\":\"slow\",\"at\":\"2026-12-01T10:01:00Z\",\"operation\":\"getLoop\",\"durationMs\":5,"
                        + "\"backend\":\"json\",\"outcome\":\"ok\",\"attempts\":0,\"poolWaitMs\":0,\"instance\":\"h:1\"}",
                "{\"type\":\"slow\",\"at\":\"2026-12-01T10:01:00Z\",\"operation\":\"getLoop\",\"durationMs\":NaN,"
                        + "\"backend\":\"json\",\"outcome\":\"ok\",\"attempts\":1,\"poolWaitMs\":0,\"instance\":\"h:1\"}");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write((valid + "\n").getBytes(StandardCharsets.UTF_8));
        for (String line : hostile) {
            file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.write(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, '{', '}', '\n'}); // not UTF-8, a NUL
        Files.write(oplog(), file.toByteArray());
        OperationLogFile log = storage();
        log.write(List.of(), List.of(goodSlow));

        assertThat(log.readAll(Instant.EPOCH, null)).usingRecursiveFieldByFieldElementComparator(SKETCHES_BY_VALUE).containsExactly(good);
        assertThat(log.skipped()).isEqualTo(hostile.size() + 1);
        assertThat(log.readSlow(Instant.EPOCH, 10)).containsExactly(goodSlow);
        String slowLine = new String(OperationLogFile.encode(List.of(), List.of(goodSlow)), StandardCharsets.UTF_8)
                .strip();
        try (StateStore store = StateStores.open(settings(), TestClock.frozen())) {
            assertThat(store.operationLog().stats(M0, "getLoop")).singleElement()
                    .satisfies(s -> assertThat(s.count()).isEqualTo(2));
            assertThat(store.operationLog().slow(M0, 10)).containsExactly(goodSlow);
            assertThat(store.operationLog().problem()).isNull();
        } // its writer prunes on its first flush: the skipped lines go, the lines of the window stay

        assertThat(Files.readAllLines(oplog())).containsExactly(valid, slowLine);
        assertThat(log.readAll(Instant.EPOCH, null)).hasSize(1);
        assertThat(log.skipped()).isZero();
        log.prune(M1);
        assertThat(Files.readAllLines(oplog())).containsExactly(slowLine);
    }

    @Test
    void anAppendThatWouldPassTheSizeLimitIsRefusedAndChangesNothing() throws Exception {
        OperationLogFile log = new OperationLogFile(StorePaths.of(settings()), TIMEOUT, 300);
        log.write(List.of(row(M0, "getLoop", 0, 100)), List.of());
        byte[] before = Files.readAllBytes(oplog());

        assertThatThrownBy(() -> log.write(List.of(row(M1, "getLoop", 0, 100)), List.of()))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.DISK_FULL))
                .hasMessage("the operation log '" + oplog() + "' is full: it holds " + before.length + " bytes and may "
                        + "hold 300; it keeps STATEKEEPER_OPLOG_RETENTION and is pruned every hour: lower the retention "
                        + "(or move the file away: the log starts a new one)");
        assertThat(Files.readAllBytes(oplog())).isEqualTo(before);
    }

    @Test
    void aDirectoryInThePlaceOfTheLogFailsItsWritesAndReadsButNoOperation() throws Exception {
        Files.createDirectory(oplog());
        try (StateStore store = StateStores.open(settings(), Clock.systemUTC())) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            store.getLoop(loop.id());
            store.operationLog().flush();

            assertThat(store.operationLog().problem()).isEqualTo("could not write the stored operation log: "
                    + "cannot-open: cannot append to the operation log '" + oplog() + "': it is a directory, not a "
                    + "regular file, and is left as it is");
            assertThat(store.getLoop(loop.id())).isEqualTo(loop);
            assertThat(count(store, "getLoop")).as("this process's part is still counted").isEqualTo(2);
            assertThat(store.operationLog().problem()).isEqualTo("could not read the stored operation log: "
                    + "cannot-open: cannot read the operation log '" + oplog() + "': it is a directory, not a "
                    + "regular file, and is left as it is");

            Files.delete(oplog());
            store.operationLog().flush();
            assertThat(store.operationLog().problem()).isNull();
        }
        try (StateStore store = StateStores.open(settings(), Clock.systemUTC())) {
            assertThat(count(store, "getLoop")).as("what could not be written was kept and written later").isEqualTo(2);
        }
    }

    @Test
    void aFifoInThePlaceOfTheLogIsNeverOpened() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", oplog().toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        try (StateStore store = StateStores.open(settings(), Clock.systemUTC())) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            store.operationLog().flush();

            assertThat(store.operationLog().problem()).isEqualTo("could not write the stored operation log: "
                    + "cannot-open: cannot append to the operation log '" + oplog() + "': it is a special file, not a "
                    + "regular file, and is left as it is");
        }
    }

    @Test
    void aDirectoryWithoutWritePermissionFailsTheLogNotTheReads() throws Exception {
        String id;
        try (JsonStateStore store = JsonStateStore.open(settings(), Clock.systemUTC())) {
            id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            assumeThat(Files.isWritable(dir)).as("running as root: permissions do not stop writes").isFalse();
            try (StateStore store = StateStores.open(settings(), Clock.systemUTC())) {
                store.getLoop(id);
                store.operationLog().flush();

                assertThat(store.operationLog().problem()).isEqualTo("could not write the stored operation log: "
                        + "read-only: cannot write operation log '" + oplog() + "': permission denied on '" + dir
                        + "'; make it writable: chmod u+w '" + dir + "'");
                assertThat(store.getLoop(id).id()).isEqualTo(id);
            }
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aFullDiskFailsTheLogNotTheOperationsAndLosesNothingOnceThereIsRoom() throws Exception {
        Path mount = SmallDisk.mount(dir);
        List<String> lines = SmallDisk.run(dir, OperationLogDiskFullProcess.class, mount.resolve("data"));

        assertThat(lines.get(0)).startsWith("could not write the stored operation log: disk-full: cannot ")
                .contains("No space left on device");
        int reads = Integer.parseInt(lines.get(1).substring("reads ".length()));
        assertThat(reads).isBetween(2, 199);
        assertThat(lines.subList(2, lines.size())).containsExactly("after freeing: null", "stored reads " + reads,
                "skipped 0");
    }
}
