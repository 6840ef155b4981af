package dev.statekeeper.bench.http;

import dev.statekeeper.bench.Flags;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.server.StatekeeperServer;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP API under load, next to the Java API in-process on the same store. For each backend: a fresh store,
 * prefilled through the store; the real server started on it on a free loopback port (every other server setting
 * at its default); get-loop from 16 clients to warm the JIT up, not recorded; then for each operation and client
 * count one run over HTTP and one in-process, one after the other, so drift in the machine hits both. Prints one
 * line per run as it ends and, at the end, the Markdown tables of BENCHMARKS.md. Exits with status 1 when any
 * call failed.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.statekeeper.bench.http.HttpLoad [--clients=1,16,64 ...]</pre>
 */
public final class HttpLoad {
    private static final int PRIMING_CLIENTS = 16;

    private HttpLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = Flags.parseOrExit(args, LoadOptions::parse);
        System.out.printf(Locale.ROOT, "java %s, %d CPUs, load average %.2f; %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), CpuSampler.loadAverage(), options);
        List<LoadResult> results = new ArrayList<>();
        for (String backend : options.backends()) {
            results.addAll(runBackend(backend, options));
        }
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n%n", CpuSampler.loadAverage());
        System.out.println(ResultTable.markdown(results));
        long errors = results.stream().mapToLong(r -> r.measurement().errors()).sum();
        System.exit(errors == 0 ? 0 : 1);
    }

    private static List<LoadResult> runBackend(String backend, LoadOptions options) throws InterruptedException {
        List<LoadResult> results = new ArrayList<>();
        try (LoadStore db = LoadStore.open(backend)) {
            long start = System.nanoTime();
            Workload workload = new Workload(db.prefill(options.loops(), options.feedbackPerLoop()));
            System.out.printf(Locale.ROOT, "%s: prefilled %d loops with %d feedback entries each in %.1f s%n", backend,
                    options.loops(), options.feedbackPerLoop(), (System.nanoTime() - start) / 1e9);
            StatekeeperServer server = StatekeeperServer.create(db.store(),
                    Settings.builder().set(Setting.SERVER_PORT, "0").build());
            int port = server.start();
            try (HttpClient client = HttpOperations.newClient()) {
                HttpOperations http = new HttpOperations(client, port, workload);
                StoreOperations local = new StoreOperations(db.store(), workload);
                prime(options, http, local);
                for (Op op : options.ops()) {
                    for (int clients : options.clients()) {
                        for (Mode mode : options.modes()) {
                            Operation operation = mode == Mode.HTTP ? http.of(op) : local.of(op);
                            double load = CpuSampler.loadAverage();
                            LoadResult result = new LoadResult(backend, op, clients, mode,
                                    LoadDriver.run(operation, clients, options.warmup(), options.measure()), load);
                            System.out.println(result.line());
                            results.add(result);
                        }
                    }
                }
            } finally {
                server.stop();
            }
        }
        return results;
    }

    /**
     * Before the first run of a backend: get-loop over HTTP and in-process from 16 clients for the warm-up time
     * each, not recorded, so the JIT has compiled the server and the store before the 1-client runs. Reads only:
     * the loops keep their prefilled size for the get-loop runs.
     */
    private static void prime(LoadOptions options, HttpOperations http, StoreOperations local)
            throws InterruptedException {
        if (options.warmup().isZero()) {
            return;
        }
        for (Operation operation : List.of(http.of(Op.GET_LOOP), local.of(Op.GET_LOOP))) {
            long errors = LoadDriver.run(operation, PRIMING_CLIENTS, Duration.ZERO, options.warmup()).errors();
            if (errors > 0) {
                throw new IllegalStateException(errors + " calls failed while priming (see above)");
            }
        }
    }
}
