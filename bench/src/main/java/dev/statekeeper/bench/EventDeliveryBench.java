package dev.statekeeper.bench;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.testkit.postgres.PostgresServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a change committed by one process takes to reach a follower in another: this JVM follows the store's
 * change history (as {@code events --follow}, the SSE stream and MCP subscriptions do: {@code awaitAfter}, then
 * {@code read}), while a second JVM, started by it, adds feedback at a steady rate. Each event's latency is the time
 * from its write's start (the event's time, stamped by the writer's clock before it commits) to the moment the
 * follower holds it, both read off the same machine's clock. On PostgreSQL the follower is woken by LISTEN/NOTIFY; on
 * SQLite by polling the sequence every STATEKEEPER_EVENTS_POLL (0.25 s).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.statekeeper.bench.EventDeliveryBench postgres 2000 100
 * java -cp bench/target/benchmarks.jar dev.statekeeper.bench.EventDeliveryBench sqlite 1000 50
 * </pre>
 * Arguments: backend, events, writes per second. Prints p50, p90, p99 and max in milliseconds.
 */
public final class EventDeliveryBench {
    private EventDeliveryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("--writer")) {
            write(settings(args[1], args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        String backend = args.length > 0 ? args[0] : "postgres";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path dir = Files.createTempDirectory("event-delivery");
        String location = backend.equals("postgres")
                ? PostgresServer.shared().url(PostgresServer.shared().createDatabase())
                : dir.toString();
        Settings settings = settings(backend, location);
        try (StateStore follower = StateStores.open(settings)) {
            EventLog log = follower.events();
            long start = log.lastSequence();
            Process writer = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    EventDeliveryBench.class.getName(), "--writer", backend, location, String.valueOf(events),
                    String.valueOf(rate)).redirectErrorStream(true).redirectOutput(dir.resolve("writer.log").toFile())
                    .start();
            List<Double> latencies = new ArrayList<>(events + 1);
            long seen = start;
            while (latencies.size() < events) {
                long last = log.awaitAfter(seen, Duration.ofSeconds(30));
                if (last <= seen) {
                    throw new IllegalStateException("no event for 30 s; writer log: "
                            + Files.readString(dir.resolve("writer.log"), StandardCharsets.UTF_8));
                }
                EventQuery query = EventQuery.all().withAfter(seen).withLimit(EventQuery.MAX_LIMIT);
                EventBatch batch = log.read(query);
                Instant now = Instant.now();
                for (StoreEvent event : batch.events()) {
                    latencies.add(Duration.between(event.time(), now).toNanos() / 1e6);
                }
                seen = batch.next(query);
            }
            if (!writer.waitFor(60, TimeUnit.SECONDS) || writer.exitValue() != 0) {
                throw new IllegalStateException("the writer failed: " + Files.readString(dir.resolve("writer.log")));
            }
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s: %d events at %d/s from a second JVM: latency p50 %.2f ms, p90 %.2f ms, "
                    + "p99 %.2f ms, max %.2f ms%n", backend, sorted.length, rate, at(sorted, 0.50), at(sorted, 0.90),
                    at(sorted, 0.99), sorted[sorted.length - 1]);
        }
    }

    private static Settings settings(String backend, String location) {
        Settings.Builder settings = Settings.builder().set(Setting.BACKEND, backend);
        return backend.equals("postgres") ? settings.set(Setting.DATABASE_URL, location).build()
                : settings.set(Setting.DATA_DIR, location).build();
    }

    private static void write(Settings settings, int events, int rate) {
        try (StateStore store = StateStores.open(settings)) {
            String loop = store.createLoop(NewLoop.of(Samples.PROJECT, LoopType.SPEC)).id();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            for (int i = 1; i < events; i++) {
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
                store.addFeedback(loop, Samples.feedback(i % 100));
            }
        }
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
