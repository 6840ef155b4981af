package dev.statekeeper.bench.http;

import dev.statekeeper.bench.Flags;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver's command line, {@code --name=value} each, every one optional: which backends, operations, client
 * counts and modes to run (comma-separated lists), the warm-up and measured seconds of each run, and the prefill.
 */
record LoadOptions(List<String> backends, List<Op> ops, List<Integer> clients, List<Mode> modes, Duration warmup,
                   Duration measure, int loops, int feedbackPerLoop) {

    static final String USAGE = """
            usage: java -cp bench/target/benchmarks.jar dev.statekeeper.bench.http.HttpLoad [--name=value ...]
              --backends=sqlite,postgres      stores to run on (each freshly created and prefilled)
              --ops=get-loop,add-feedback     operations; all get-loop runs of a backend come before its add-feedback runs
              --clients=1,16,64               concurrent client threads (closed loop: each waits for its answer)
              --modes=http,in-process         over HTTP through the server, or the StateStore called directly
              --warmup=5 --measure=10         seconds of each run, not measured and measured
              --loops=1000 --feedback=3       prefill: loops, and feedback entries in each""";

    private static final Set<String> NAMES = Set.of("backends", "ops", "clients", "modes", "warmup", "measure",
            "loops", "feedback");

    static LoadOptions parse(String... args) {
        Map<String, String> values = Flags.values(args, NAMES, USAGE);
        List<String> backends = Flags.list(values.getOrDefault("backends", "sqlite,postgres"), LoadOptions::backend);
        return new LoadOptions(backends, Flags.list(values.getOrDefault("ops", "get-loop,add-feedback"), Op::of),
                Flags.list(values.getOrDefault("clients", "1,16,64"), text -> Flags.positive("clients", text)),
                Flags.list(values.getOrDefault("modes", "http,in-process"), Mode::of),
                Duration.ofSeconds(Flags.number("warmup", values.getOrDefault("warmup", "5"), 0)),
                Duration.ofSeconds(Flags.positive("measure", values.getOrDefault("measure", "10"))),
                Flags.positive("loops", values.getOrDefault("loops", "1000")),
                Flags.number("feedback", values.getOrDefault("feedback", "3"), 0));
    }

    private static String backend(String name) {
        if (!name.equals("sqlite") && !name.equals("postgres")) {
            throw new IllegalArgumentException("no backend '" + name + "' (sqlite, postgres)");
        }
        return name;
    }
}
