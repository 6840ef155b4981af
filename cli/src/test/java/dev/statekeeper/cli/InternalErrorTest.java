package dev.statekeeper.cli;

import dev.statekeeper.cli.support.ErrorHandler;
import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Terminal;
import dev.statekeeper.core.config.Settings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure that is not a StatekeeperException is a bug: exit 1, asked to be reported, no stack trace. */
class InternalErrorTest {
    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("the flux capacitor is empty");
        }
    }

    private record FixedGlobals(boolean json, boolean debug) implements Globals {
        @Override
        public Terminal terminal() {
            return new Terminal(Map.of(), InputStream.nullInputStream(), new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()), Clock.systemUTC());
        }

        @Override
        public Settings settings() {
            return Settings.defaults();
        }
    }

    private static String run(Globals globals, StringWriter err) {
        ErrorHandler handler = new ErrorHandler(globals);
        int exitCode = new CommandLine(new Boom()).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(handler).execute();
        assertThat(exitCode).isEqualTo(1);
        return err.toString();
    }

    @Test
    void anUnexpectedExceptionExitsWithOneAndAsksForAReport() {
        assertThat(run(new FixedGlobals(false, false), new StringWriter())).isEqualTo("""
                statekeeper: internal error: java.lang.IllegalStateException: the flux capacitor is empty; please report it
                  fix: report it with the command you ran and the output of 'statekeeper db status' (add --debug for the stack trace)
                """);
    }

    @Test
    void debugShowsTheStackTraceAndJsonModeTheCode() {
        assertThat(run(new FixedGlobals(false, true), new StringWriter())).contains("\tat ");
        assertThat(run(new FixedGlobals(true, false), new StringWriter())).contains("\"code\" : \"internal\"");
    }
}
