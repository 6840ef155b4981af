package dev.statekeeper.cli;

import dev.statekeeper.cli.db.BackendHelp;
import dev.statekeeper.cli.support.Converters;
import dev.statekeeper.cli.support.ErrorHandler;
import dev.statekeeper.cli.support.StdoutWriter;
import dev.statekeeper.cli.support.Terminal;
import dev.statekeeper.cli.support.TerminalText;
import dev.statekeeper.core.error.StatekeeperException;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code statekeeper} command line over explicit streams: {@link #run} parses the arguments, runs the
 * command and returns its exit code, 5 (OUTPUT_FAILED) when stdout could not take all it printed
 * ({@link StdoutWriter}). {@link Main} wires it to the process; tests run it in-process.
 */
public final class Cli {
    private final Terminal terminal;

    public Cli(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
        this(env, in, out, err, Clock.systemUTC());
    }

    public Cli(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
        // stderr carries messages that may quote stored values: escaped for the terminal (TerminalText)
        this.terminal = new Terminal(env, in, out, TerminalText.of(err), clock);
    }

    public int run(String... args) {
        StatekeeperCommand root = new StatekeeperCommand(terminal, args);
        ErrorHandler errors = new ErrorHandler(root);
        CommandLine commandLine = new CommandLine(root)
                .setOut(terminal.out())
                .setErr(terminal.err())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                // plain help and usage: no ANSI styles, which the terminal-safe stderr would show escaped
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        Converters.register(commandLine);
        ExitCodeHelp.install(commandLine);
        EnvironmentHelp.install(commandLine);
        BackendHelp.install(commandLine);
        layOutHelp(commandLine);
        try {
            int exitCode = commandLine.execute(args);
            Optional<StatekeeperException> unwritten = StdoutWriter.failure(terminal.out());
            return exitCode == 0 && unwritten.isPresent()
                    ? errors.handleExecutionException(unwritten.get(), commandLine, null) : exitCode;
        } finally {
            terminal.out().flush();
            terminal.err().flush();
        }
    }

    /** Options in declaration order, so a command's own options come before the inherited global ones. */
    private static void layOutHelp(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage().sortOptions(false)
                .optionListHeading("%nOptions:%n").commandListHeading("%nCommands:%n");
        commandLine.getSubcommands().values().forEach(Cli::layOutHelp);
    }
}
