package dev.statekeeper.cli.spec;

import picocli.CommandLine.Option;

/** {@code --project} and {@code --name}: which spec a command works on. */
final class SpecKey {
    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the spec's project")
    String project;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "the spec's name (its normalized title; a title is normalized too)")
    String name;
}
