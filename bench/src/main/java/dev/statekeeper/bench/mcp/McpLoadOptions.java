package dev.statekeeper.bench.mcp;

import dev.statekeeper.bench.Flags;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MCP driver's command line, {@code --name=value} each: the CLI jar (required), which transports and tools, the
 * rounds, the warm-up and measured seconds of each run, the prefill, and JVM options for the two server processes.
 */
record McpLoadOptions(Path jar, List<Transport> transports, List<Tool> tools, int rounds, Duration warmup,
                      Duration measure, int loops, int feedbackPerLoop, List<String> serverJavaOptions) {

    static final String USAGE = """
            usage: java -cp bench/target/benchmarks.jar dev.statekeeper.bench.mcp.McpLoad --jar=cli/target/statekeeper.jar [--name=value ...]
              --jar=PATH                        the CLI jar, started as 'java -jar PATH mcp' and 'java -jar PATH serve'
              --transports=stdio,http           MCP over stdin/stdout, and streamable HTTP at /mcp
              --tools=get_loop_status,store_critic_feedback
              --rounds=3                        each tool on each transport this many times, interleaved
              --warmup=5 --measure=10           seconds of each run, not measured and measured
              --loops=200 --feedback=3          prefill through the tools: loops, and feedback entries in each
              --server-java-options='...'       JVM options of both servers, blank-separated (e.g. a JFR recording)""";

    private static final Set<String> NAMES = Set.of("jar", "transports", "tools", "rounds", "warmup", "measure",
            "loops", "feedback", "server-java-options");

    static McpLoadOptions parse(String... args) {
        Map<String, String> values = Flags.values(args, NAMES, USAGE);
        if (!values.containsKey("jar")) {
            throw new IllegalArgumentException("--jar is required\n" + USAGE);
        }
        Path jar = Path.of(values.get("jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--jar: no file " + jar.toAbsolutePath() + " (build it with "
                    + "./mvnw -B -q -o package -pl cli -am -DskipTests)");
        }
        String javaOptions = values.getOrDefault("server-java-options", "").trim();
        return new McpLoadOptions(jar,
                Flags.list(values.getOrDefault("transports", "stdio,http"), Transport::of),
                Flags.list(values.getOrDefault("tools", "get_loop_status,store_critic_feedback"), Tool::of),
                Flags.positive("rounds", values.getOrDefault("rounds", "3")),
                Duration.ofSeconds(Flags.number("warmup", values.getOrDefault("warmup", "5"), 0)),
                Duration.ofSeconds(Flags.positive("measure", values.getOrDefault("measure", "10"))),
                Flags.positive("loops", values.getOrDefault("loops", "200")),
                Flags.number("feedback", values.getOrDefault("feedback", "3"), 0),
                javaOptions.isEmpty() ? List.of() : Arrays.asList(javaOptions.split("\\s+")));
    }
}
