package dev.statekeeper.bench.http;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One closed-loop run: N platform threads call the operation back to back (each waits for its answer before the
 * next call) for the warm-up and then the measured period. Each thread records the latency of every call that
 * started and ended inside the measured window in its own HdrHistogram (3 significant digits); throughput is the
 * calls so recorded over the window's length. A failed call is counted and the first few are printed, never
 * retried; its latency is not recorded.
 */
public final class LoadDriver {
    static final String THREAD_PREFIX = "load-";

    private LoadDriver() {
    }

    /** Times of the run, written before the threads are released (the latch publishes them). */
    private static final class Window {
        long from;
        long until;
    }

    static Measurement run(Operation op, int clients, Duration warmup, Duration measure) throws InterruptedException {
        return run(op, clients, warmup, measure, new CpuSampler());
    }

    /** One run as described above, its CPU time sampled by {@code cpu}. */
    public static Measurement run(Operation op, int clients, Duration warmup, Duration measure, CpuSampler cpu)
            throws InterruptedException {
        FailureLog failures = new FailureLog();
        Histogram[] histograms = new Histogram[clients];
        Thread[] threads = new Thread[clients];
        Window window = new Window();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(clients);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < clients; i++) {
            Histogram histogram = new Histogram(3);
            histograms[i] = histogram;
            threads[i] = Thread.ofPlatform().name(THREAD_PREFIX + i).daemon(true).start(() -> {
                try {
                    go.await();
                    loop(op, window, histogram, failures);
                    finished.countDown();
                    release.await(); // alive until the last CPU snapshot: a dead thread's CPU time is gone
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        long start = System.nanoTime();
        window.from = start + warmup.toNanos();
        window.until = window.from + measure.toNanos();
        go.countDown();
        sleepUntil(window.from);
        CpuSampler.Snapshot before = cpu.snapshot();
        sleepUntil(window.until);
        // a call in flight at the end ends within the HTTP timeout
        if (!finished.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("a client is still in a call a minute after the run ended");
        }
        CpuSampler.Snapshot after = cpu.snapshot();
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram all = new Histogram(3);
        for (Histogram h : histograms) {
            all.add(h);
        }
        Map<String, Double> cpuPerOp = CpuSampler.perOp(before, after, all.getTotalCount());
        return new Measurement(all, measure, failures.count(), cpuPerOp);
    }

    private static void loop(Operation op, Window window, Histogram histogram, FailureLog failures) {
        while (true) {
            long begin = System.nanoTime();
            if (begin - window.until >= 0) {
                return;
            }
            boolean ok;
            try {
                op.call();
                ok = true;
            } catch (Exception e) {
                failures.add(e);
                ok = false;
            }
            long end = System.nanoTime();
            if (ok && begin - window.from >= 0 && end - window.until <= 0) {
                histogram.recordValue(end - begin);
            }
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** What a run measured: latencies in nanoseconds, the window, failed calls, CPU µs per call by category. */
    public record Measurement(Histogram latencies, Duration window, long errors, Map<String, Double> cpuPerOp) {
        /** Calls recorded per second of the measured window. */
        public double opsPerSecond() {
            return latencies.getTotalCount() / (window.toNanos() / 1e9);
        }

        /** The latency at a percentile (0 to 100), in milliseconds. */
        public double millisAt(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1e6;
        }

        /** Milliseconds as the tables print them ({@link LoadResult#millis}). */
        public static String printed(double ms) {
            return LoadResult.millis(ms);
        }
    }
}
