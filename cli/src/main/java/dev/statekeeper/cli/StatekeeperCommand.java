package dev.statekeeper.cli;

import dev.statekeeper.cli.config.ConfigCommand;
import dev.statekeeper.cli.db.DbCommand;
import dev.statekeeper.cli.db.InitCommand;
import dev.statekeeper.cli.doctor.DoctorCommand;
import dev.statekeeper.cli.events.EventsCommand;
import dev.statekeeper.cli.doctor.HealthcheckCommand;
import dev.statekeeper.cli.loop.LoopCommand;
import dev.statekeeper.cli.perf.PerfCommand;
import dev.statekeeper.cli.plan.PlanCommand;
import dev.statekeeper.cli.roadmap.RoadmapCommand;
import dev.statekeeper.cli.serve.McpCommand;
import dev.statekeeper.cli.serve.ServeCommand;
import dev.statekeeper.cli.session.SessionCommand;
import dev.statekeeper.cli.spec.SpecCommand;
import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.GroupCommand;
import dev.statekeeper.cli.support.Terminal;
import dev.statekeeper.cli.support.TerminalText;
import dev.statekeeper.cli.support.VersionProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.time.Clock;

/**
 * {@code statekeeper}: the root command and the global options every subcommand inherits. Its help's exit codes
 * ({@link ExitCodeHelp}) and settings ({@link EnvironmentHelp}) are built from core's tables when {@link Cli} runs.
 */
@Command(name = "statekeeper", versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Durable state for AI-agent workflow tools.",
        description = {
            "Refinement loops with critic feedback, technical specs with frozen fields, roadmaps, project plans "
                    + "and agent work sessions, kept in SQLite (default), PostgreSQL, a JSON file or memory.",
            "Settings come from the global options, else the environment (see below), else the config file "
                    + "('statekeeper config path'), else their defaults; 'statekeeper config list' shows each "
                    + "value and where it came from."},
        subcommands = {InitCommand.class, LoopCommand.class, SpecCommand.class, RoadmapCommand.class,
            PlanCommand.class, SessionCommand.class, DbCommand.class, DoctorCommand.class, HealthcheckCommand.class,
            PerfCommand.class, EventsCommand.class, ConfigCommand.class, ServeCommand.class,
            McpCommand.class, HelpCommand.class,
            WarmUpCommand.class})
public final class StatekeeperCommand extends GroupCommand implements Globals {
    private final Terminal terminal;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "print results as JSON on stdout (and errors as JSON on stderr)")
    boolean json;

    @Option(names = "--backend", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "backend: ${bundle:statekeeper.backends} (overrides STATEKEEPER_BACKEND)")
    String backend;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "directory of the sqlite/json files (overrides STATEKEEPER_DATA_DIR)")
    String dataDir;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the stack trace of an error (or set STATEKEEPER_DEBUG=1)")
    boolean debug;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    /**
     * The command on the process's environment and standard streams: for tools that instantiate the command class
     * themselves, such as picocli's {@code AutoComplete}, which the build runs to write the shell completion script.
     */
    public StatekeeperCommand() {
        this(new Terminal(System.getenv(), System.in, new PrintWriter(System.out, false, System.out.charset()),
                TerminalText.of(new PrintWriter(System.err, false, System.err.charset())), Clock.systemUTC()));
    }

    /**
     * The command on the given terminal: what {@link Cli} runs.
     *
     * @param terminal the environment and streams
     */
    public StatekeeperCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Terminal terminal() {
        return terminal;
    }

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public boolean debug() {
        return debug || "1".equals(terminal.env().get("STATEKEEPER_DEBUG"));
    }

    @Override
    public Settings settings() {
        return settingsBuilder().build();
    }

    @Override
    public Settings.Builder settingsBuilder() {
        return Settings.load(terminal.env())
                .flag(Setting.BACKEND, "--backend", backend)
                .flag(Setting.DATA_DIR, "--data-dir", dataDir);
    }
}
