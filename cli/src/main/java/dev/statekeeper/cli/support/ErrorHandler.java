package dev.statekeeper.cli.support;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.internal.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns a failure into stderr output and an exit code: a StatekeeperException exits with
 * its code's exit code, bad flags with 2, anything else with 1 as a bug to report. Text mode prints
 * {@code statekeeper: MESSAGE} and {@code   fix: FIX}; --json mode prints {@code {"error": {...}}}. A closed stdout
 * pipe exits 5 with nothing printed ({@link StdoutWriter#quiet}).
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final Globals globals;

    public ErrorHandler(Globals globals) {
        this.globals = globals;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        StatekeeperException failure = ex instanceof StatekeeperException e ? e
                : new StatekeeperException(ErrorCode.INTERNAL, "internal error: " + ex + "; please report it", ex);
        ErrorCode code = failure.code();
        if (StdoutWriter.quiet(failure)) {
            return code.exitCode();
        }
        String fix = code == ErrorCode.INTERNAL && !globals.debug() ? code.fix() + " (add --debug for the stack trace)"
                : code.fix();
        report(commandLine.getErr(), globals.json(), code, failure.getMessage(), fix, failure.violations(),
                failure.details());
        if (globals.debug()) {
            ex.printStackTrace(commandLine.getErr());
        }
        return code.exitCode();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        boolean json = globals.json() || Arrays.asList(args).contains("--json");
        String help = "see '" + commandLine.getCommandSpec().qualifiedName() + " --help'";
        if (!json && ex instanceof UnmatchedArgumentException unmatched) {
            report(err, false, ErrorCode.USAGE, ex.getMessage(), null, List.of(), Map.of());
            UnmatchedArgumentException.printSuggestions(unmatched, err);
            err.println("  fix: " + help);
        } else {
            report(err, json, ErrorCode.USAGE, ex.getMessage(), help, List.of(), Map.of());
        }
        if (globals.debug()) {
            ex.printStackTrace(err);
        }
        return ErrorCode.USAGE.exitCode();
    }

    private static void report(PrintWriter err, boolean json, ErrorCode code, String message, String fix,
                               List<Violation> violations, Map<String, Object> details) {
        if (json) {
            err.println(Json.pretty(Map.of("error", Output.fields("code", code.wire(), "message", message,
                    "fix", fix, "violations", violations, "details", details))));
        } else {
            err.println("statekeeper: " + message);
            if (fix != null) {
                err.println("  fix: " + fix);
            }
        }
    }
}
