package dev.statekeeper.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code statekeeper help [COMMAND...]}: the same text as {@code statekeeper COMMAND... --help}. */
@Command(name = "help", description = "Show the help of a command, e.g. 'statekeeper help loop feedback'.")
final class HelpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command, with its subcommands")
    List<String> path = List.of();

    @Override
    public void run() {
        CommandLine target = spec.root().commandLine();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new ParameterException(spec.commandLine(), "unknown command '" + name + "' in '"
                        + target.getCommandSpec().qualifiedName() + "'; it has: "
                        + String.join(", ", target.getSubcommands().keySet()));
            }
            target = next;
        }
        target.usage(spec.commandLine().getOut());
    }
}
