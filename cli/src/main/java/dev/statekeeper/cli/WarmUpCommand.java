package dev.statekeeper.cli;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.internal.json.Json;
import picocli.CommandLine.Command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code statekeeper warm-up} (hidden): runs the common commands once against a throw-away SQLite store and
 * prints nothing. The launcher runs it once per build with {@code -XX:AOTCacheOutput} (JDK 25 and later) or
 * {@code -XX:ArchiveClassesAtExit}, so the AOT cache or class-data archive holds the classes a real command needs
 * and later starts skip loading them.
 */
@Command(name = "warm-up", hidden = true,
        description = "Run the common commands once against a throw-away store (used by the launcher).")
final class WarmUpCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("statekeeper-warm-up");
        try {
            // its own config file: the user's may name another store (or be broken), and must never be used here
            Map<String, String> env = Map.of("STATEKEEPER_DATA_DIR", dir.toString(),
                    Setting.BACKEND.variable(), Setting.BACKEND.defaultValue(),
                    "STATEKEEPER_CONFIG", dir.resolve("config.toml").toString());
            PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
            run(env, sink, "", "config", "set", "STATEKEEPER_LOOP_HISTORY_SIZE", "10");
            String loop = run(env, sink, "", "--json", "loop", "create", "--project", "warm-up", "--type", "spec");
            String id = Json.mapper().readTree(loop).path("id").asText();
            run(env, sink, "", "loop", "create", "--project", "warm-up", "--type", "plan");
            run(env, sink, "", "loop", "feedback", id, "--critic", "c", "--score", "70", "--summary", "s", "--issue", "i");
            for (List<String> args : List.of(
                    List.of("loop", "get", id), List.of("--json", "loop", "get", id), List.of("loop", "list"),
                    List.of("loop", "list", "--active"), List.of("loop", "decide", id), List.of("loop", "get", "missing"),
                    List.of("spec", "list", "--project", "warm-up"), List.of("session", "list"), List.of("db", "status"),
                    List.of("config", "list"))) {
                run(env, sink, "", args.toArray(String[]::new));
            }
            run(env, sink, "{\"title\": \"Warm up\", \"objectives\": \"o\"}", "spec", "put", "--project", "warm-up",
                    "--file", "-");
            run(env, sink, "", "spec", "resolve", "--project", "warm-up", "warm");
            run(env, sink, "", "spec", "get", "--project", "warm-up", "--name", "warm-up");
            // no store: the version, and the help, whose command list builds every command's model
            run(env, sink, "", "--version");
            run(env, sink, "", "--help");
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String run(Map<String, String> env, PrintWriter sink, String input, String... args) {
        StringWriter out = new StringWriter();
        new Cli(env, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out), sink)
                .run(args);
        return out.toString();
    }
}
