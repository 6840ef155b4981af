package dev.statekeeper.bench.mcp;

import dev.statekeeper.bench.Flags;
import dev.statekeeper.bench.TempDirs;
import dev.statekeeper.bench.http.CpuSampler;
import dev.statekeeper.bench.http.LoadDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MCP tool calls over stdio next to streamable HTTP. Starts the CLI jar as {@code statekeeper mcp} (the SDK's stdio
 * client starts it, as an MCP host does) and as {@code statekeeper serve}, each a process of its own on a fresh SQLite
 * data directory, with one MCP Java SDK client each, initialized once; prefills both through the tools; calls each
 * tool on each for the warm-up time, not recorded, so the servers' JIT has compiled the path; then for each round,
 * tool and transport one run of sequential calls from the one client (stdio is one session; HTTP gets the same one
 * client), the transports one after the other so drift in the machine hits both. Each call's latency is recorded
 * ({@link LoadDriver}); the CPU time per call is split between the driver, the server process and the rest of the
 * machine ({@link CpuSampler}). Prints one line per run as it ends and, at the end, the Markdown tables. Exits with
 * status 1 when any call failed.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.statekeeper.bench.mcp.McpLoad --jar=cli/target/statekeeper.jar</pre>
 */
public final class McpLoad {
    private McpLoad() {
    }

    public static void main(String[] args) throws Exception {
        McpLoadOptions options = Flags.parseOrExit(args, McpLoadOptions::parse);
        System.out.printf(Locale.ROOT, "java %s, %d CPUs, load average %.2f; %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), CpuSampler.loadAverage(), options);
        List<McpResult> results = run(options);
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n%n", CpuSampler.loadAverage());
        System.out.println(McpTable.markdown(results));
        long errors = results.stream().mapToLong(r -> r.measurement().errors()).sum();
        System.exit(errors == 0 ? 0 : 1);
    }

    private static List<McpResult> run(McpLoadOptions options) throws Exception {
        Path dir = TempDirs.create();
        Map<Transport, ServerUnderTest> servers = new LinkedHashMap<>();
        try {
            Map<Transport, ToolCalls> calls = new LinkedHashMap<>();
            for (Transport transport : options.transports()) {
                long start = System.nanoTime();
                ServerUnderTest server = ServerUnderTest.start(transport, options, dir.resolve(transport.label()));
                servers.put(transport, server);
                calls.put(transport, ToolCalls.prefill(server.client(), options.loops(), options.feedbackPerLoop()));
                System.out.printf(Locale.ROOT, "%s: started (pid %d) and prefilled %d loops with %d feedback entries "
                                + "each in %.1f s%n", transport.label(), server.pid(), options.loops(),
                        options.feedbackPerLoop(), (System.nanoTime() - start) / 1e9);
            }
            prime(options, servers, calls);
            List<McpResult> results = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                for (Tool tool : options.tools()) {
                    for (Transport transport : options.transports()) {
                        double load = CpuSampler.loadAverage();
                        LoadDriver.Measurement measurement = LoadDriver.run(calls.get(transport).of(tool), 1,
                                options.warmup(), options.measure(), CpuSampler.watching(servers.get(transport).pid()));
                        McpResult result = new McpResult(tool, transport, round, measurement, load);
                        System.out.println(result.line());
                        results.add(result);
                    }
                }
            }
            return results;
        } finally {
            servers.values().forEach(ServerUnderTest::close);
            TempDirs.delete(dir);
        }
    }

    /** Each tool on each transport for the warm-up time, not recorded: the fresh server JVMs compile the path. */
    private static void prime(McpLoadOptions options, Map<Transport, ServerUnderTest> servers,
                              Map<Transport, ToolCalls> calls) throws InterruptedException {
        if (options.warmup().isZero()) {
            return;
        }
        for (Tool tool : options.tools()) {
            for (Transport transport : options.transports()) {
                long errors = LoadDriver.run(calls.get(transport).of(tool), 1, Duration.ZERO, options.warmup(),
                        CpuSampler.watching(servers.get(transport).pid())).errors();
                if (errors > 0) {
                    throw new IllegalStateException(errors + " calls failed while priming (see above)");
                }
            }
        }
    }
}
