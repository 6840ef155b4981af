package dev.statekeeper.bench.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name == null || !NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
            if (values.put(name, arg.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        List<String> backends = list(values.getOrDefault("backends", "sqlite,postgres"), LoadOptions::backend);
        return new LoadOptions(backends, list(values.getOrDefault("ops", "get-loop,add-feedback"), Op::of),
                list(values.getOrDefault("clients", "1,16,64"), text -> positive("clients", text)),
                list(values.getOrDefault("modes", "http,in-process"), Mode::of),
                Duration.ofSeconds(number("warmup", values.getOrDefault("warmup", "5"), 0)),
                Duration.ofSeconds(positive("measure", values.getOrDefault("measure", "10"))),
                positive("loops", values.getOrDefault("loops", "1000")),
                number("feedback", values.getOrDefault("feedback", "3"), 0));
    }

    private static <T> List<T> list(String text, Function<String, T> parse) {
        return Arrays.stream(text.split(",")).map(String::trim).map(parse).distinct().toList();
    }

    private static String backend(String name) {
        if (!name.equals("sqlite") && !name.equals("postgres")) {
            throw new IllegalArgumentException("no backend '" + name + "' (sqlite, postgres)");
        }
        return name;
    }

    private static int positive(String name, String text) {
        return number(name, text, 1);
    }

    private static int number(String name, String text, int min) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number >= " + min + ", not '" + text + "'");
    }
}
