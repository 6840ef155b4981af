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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

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
        modelTransformer = StatekeeperCommand.Commands.class)
public final class StatekeeperCommand extends GroupCommand implements Globals {
    /** The commands under {@code statekeeper}, in the order its help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(InitCommand.class, LoopCommand.class, SpecCommand.class,
            RoadmapCommand.class, PlanCommand.class, SessionCommand.class, DbCommand.class, DoctorCommand.class,
            HealthcheckCommand.class, PerfCommand.class, EventsCommand.class, ConfigCommand.class, ServeCommand.class,
            McpCommand.class, HelpCommand.class, WarmUpCommand.class);

    private final Terminal terminal;
    private final String[] args;

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
        this(terminal, null);
    }

    /**
     * The command on the given terminal, for a run with these arguments: its command line holds only the command
     * they name (what {@link Cli} runs). Picocli builds the model of every command it is given, from their
     * annotations, before it parses anything: for all of them that was most of a short command's start-up.
     * {@code --version} alone gets none; arguments that name no command, or {@code help}, get all of them, for the
     * help and the error messages.
     *
     * @param terminal the environment and streams
     * @param args     the run's arguments, or null for all the commands
     */
    public StatekeeperCommand(Terminal terminal, String[] args) {
        this.terminal = terminal;
        this.args = args;
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

    /**
     * The classes of the commands this root's command line holds: the one its arguments name; else none for the
     * version alone; else all, which the help and the "missing command" message list.
     */
    private List<Class<?>> commands(CommandSpec spec) {
        boolean version = false;
        boolean help = false;
        for (int i = 0; args != null && i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                return named(args[i]);
            }
            OptionSpec option = spec.findOption(args[i]);
            if (option != null) {
                version |= option.versionHelp();
                help |= option.usageHelp();
                if (option.arity().max() > 0) {
                    i++; // its value, which may read like a command
                }
            }
        }
        return version && !help ? List.of() : COMMANDS;
    }

    /** The command of that name or alias alone; all of them for {@code help} or a name that is none of theirs. */
    private static List<Class<?>> named(String name) {
        for (Class<?> command : COMMANDS) {
            Command annotation = command.getAnnotation(Command.class);
            if (command != HelpCommand.class && (annotation.name().equals(name)
                    || Arrays.asList(annotation.aliases()).contains(name))) {
                return List.of(command);
            }
        }
        return COMMANDS;
    }

    /** Adds the commands to the root's model once picocli built it from the annotations (see {@link #COMMANDS}). */
    public static final class Commands implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (Class<?> command : ((StatekeeperCommand) spec.userObject()).commands(spec)) {
                spec.addSubcommand(command.getAnnotation(Command.class).name(), new CommandLine(command));
            }
            return spec;
        }
    }
}
