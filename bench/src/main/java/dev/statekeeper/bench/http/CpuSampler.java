package dev.statekeeper.bench.http;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU time of a measured window went: this JVM's threads grouped by name (the driver's client threads,
 * the JDK HttpClient's, the server's Jetty pool, the rest), the JVM's own (GC and JIT: the process's CPU time less
 * its threads'), the PostgreSQL server's processes, a server process when one is watched (a server started as a
 * process of its own, as {@code statekeeper mcp} is), and the rest of the machine (its busy time from /proc/stat
 * less all of that: other programs, and kernel work such as softirqs not charged to a process).
 */
public final class CpuSampler {
    static final String CLIENT = "client";
    static final String HTTP_CLIENT = "jdk-httpclient";
    static final String SERVER = "jetty";
    static final String OTHER = "other-threads";
    static final String JVM = "gc+jit";
    static final String POSTGRES = "postgres";
    static final String SERVER_PROCESS = "server-process";
    static final String REST = "rest-of-machine";
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long serverPid;

    /** Samples this JVM, PostgreSQL and the machine. */
    CpuSampler() {
        this(-1);
    }

    private CpuSampler(long serverPid) {
        this.serverPid = serverPid;
    }

    /** Samples as {@link #CpuSampler()} does, and the process {@code pid} (its threads' time) as a category of its own. */
    public static CpuSampler watching(long pid) {
        return new CpuSampler(pid);
    }

    /**
     * CPU nanoseconds so far: of each live thread (with its category), of the process, of each PostgreSQL process
     * (by pid) and the machine's busy time. Deltas are taken per thread and per process, so a thread or backend that
     * ends within the window does not take the time it had used before the window out of its category. The watched
     * server process's time is -1 when none is watched.
     */
    record Snapshot(Map<Long, ThreadCpu> threads, long process, Map<Long, Long> postgres, long server, long machine) {
    }

    record ThreadCpu(String category, long nanos) {
    }

    Snapshot snapshot() {
        long[] ids = threads.getAllThreadIds();
        long[] cpu = threads.getThreadCpuTime(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<Long, ThreadCpu> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && cpu[i] >= 0) {
                byThread.put(ids[i], new ThreadCpu(category(infos[i].getThreadName()), cpu[i]));
            }
        }
        return new Snapshot(byThread, os.getProcessCpuTime(), postgresBusy(),
                serverPid < 0 ? -1 : processBusy(serverPid), machineBusy());
    }

    /** CPU microseconds per operation in each category between two snapshots. */
    static Map<String, Double> perOp(Snapshot before, Snapshot after, long ops) {
        Map<String, Long> used = new LinkedHashMap<>();
        for (String category : List.of(CLIENT, HTTP_CLIENT, SERVER, OTHER)) {
            used.put(category, 0L);
        }
        after.threads().forEach((id, cpu) -> {
            ThreadCpu earlier = before.threads().get(id);
            used.merge(cpu.category(), cpu.nanos() - (earlier == null ? 0 : earlier.nanos()), Long::sum);
        });
        long threadSum = used.values().stream().mapToLong(Long::longValue).sum();
        long process = after.process() - before.process();
        used.put(JVM, Math.max(0, process - threadSum));
        long postgres = after.postgres().entrySet().stream()
                .mapToLong(e -> e.getValue() - before.postgres().getOrDefault(e.getKey(), 0L)).sum();
        used.put(POSTGRES, postgres);
        long server = 0;
        if (before.server() >= 0) {
            server = after.server() - before.server();
            used.put(SERVER_PROCESS, server);
        }
        used.put(REST, Math.max(0, after.machine() - before.machine() - process - postgres - server));
        Map<String, Double> perOp = new LinkedHashMap<>();
        used.forEach((category, nanos) -> perOp.put(category, micros(nanos, ops)));
        return perOp;
    }

    private static double micros(long nanos, long ops) {
        return ops == 0 ? 0 : nanos / 1_000.0 / ops;
    }

    private static String category(String thread) {
        if (thread.startsWith(LoadDriver.THREAD_PREFIX)) {
            return CLIENT;
        }
        if (thread.startsWith("HttpClient-")) {
            return HTTP_CLIENT;
        }
        return thread.startsWith("JettyServerThreadPool") || thread.startsWith("qtp") ? SERVER : OTHER;
    }

    /** user + nice + system + irq + softirq + steal of all CPUs, in nanoseconds. */
    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long[] t = Arrays.stream(f, 1, f.length).mapToLong(Long::parseLong).toArray();
            return (t[0] + t[1] + t[2] + t[5] + t[6] + t[7]) * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
    }

    /**
     * utime + stime of each process named {@code postgres} running now (the server and its backends, one per pooled
     * connection), in nanoseconds by pid. A backend that exits within the window takes its time with it.
     */
    private static Map<Long, Long> postgresBusy() {
        Map<Long, Long> byPid = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                String stat;
                try {
                    stat = Files.readString(proc.resolve("stat"));
                } catch (IOException gone) {
                    continue; // exited meanwhile
                }
                int close = stat.lastIndexOf(')');
                if (stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                    byPid.put(Long.parseLong(proc.getFileName().toString()), busy(stat));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return byPid;
    }

    /** utime + stime of the process {@code pid} (all its threads), in nanoseconds. */
    private static long processBusy(long pid) {
        try {
            return busy(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid + " (has it exited?)", e);
        }
    }

    /** utime + stime from the text of a /proc/PID/stat, in nanoseconds. */
    private static long busy(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3 (state)
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK; // fields 14 and 15
    }

    /** The 1-minute load average (from /proc/loadavg). */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/loadavg", e);
        }
    }
}
