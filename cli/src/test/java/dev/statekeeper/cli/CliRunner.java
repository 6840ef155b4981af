package dev.statekeeper.cli;

import dev.statekeeper.testkit.TestClock;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in-process against a SQLite store in a test's directory, capturing what it prints. The config
 * file is looked up under {@code DIR/xdg-config} (XDG_CONFIG_HOME), never in the home of whoever runs the tests.
 */
final class CliRunner {
    final TestClock clock = TestClock.frozen();
    private final Map<String, String> env = new HashMap<>();

    CliRunner(Path dataDir) {
        env.put("STATEKEEPER_BACKEND", "sqlite");
        env.put("STATEKEEPER_DATA_DIR", dataDir.toString());
        env.put("XDG_CONFIG_HOME", dataDir.resolve("xdg-config").toString());
    }

    /** Sets (or, with null, removes) an environment variable of later runs. */
    CliRunner env(String variable, String value) {
        if (value == null) {
            env.remove(variable);
        } else {
            env.put(variable, value);
        }
        return this;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        return runWithBytes(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    Result runWithBytes(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new Cli(env, new ByteArrayInputStream(stdin), new PrintWriter(out), new PrintWriter(err), clock)
                .run(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Runs a command that must succeed and returns its stdout. */
    String ok(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("exit " + result.exitCode() + " from " + String.join(" ", args) + ":\n" + result.err());
        }
        return result.out();
    }

    record Result(int exitCode, String out, String err) {
    }
}
