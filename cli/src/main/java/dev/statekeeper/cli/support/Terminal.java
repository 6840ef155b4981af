package dev.statekeeper.cli.support;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/** What one CLI run talks to: the environment, the three standard streams and the clock. */
public record Terminal(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
    public Terminal {
        env = Map.copyOf(env);
    }
}
