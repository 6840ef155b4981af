package dev.statekeeper.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** Which commands a run's command line holds: the one its arguments name, else all of them. */
class StatekeeperCommandTest {
    private static CommandLine forArgs(String... args) {
        return new CommandLine(new StatekeeperCommand(null, args));
    }

    @Test
    void aRunThatNamesACommandHoldsThatCommandAlone() {
        assertThat(forArgs("loop", "get", "abc").getSubcommands()).containsOnlyKeys("loop");
        assertThat(forArgs("--json", "--backend", "memory", "spec", "list").getSubcommands()).containsOnlyKeys("spec");
    }

    @Test
    void theValueOfAGlobalOptionIsNotTakenForTheCommand() {
        assertThat(forArgs("--data-dir", "loop", "spec", "list").getSubcommands()).containsOnlyKeys("spec");
        assertThat(forArgs("--backend=memory", "session", "list").getSubcommands()).containsOnlyKeys("session");
    }

    @Test
    void theInheritedGlobalOptionsReachTheCommandsOfALoneCommand() {
        CommandLine get = forArgs("loop", "get", "abc").getSubcommands().get("loop").getSubcommands().get("get");
        assertThat(get.getCommandSpec().findOption("--json")).isNotNull();
        assertThat(get.getCommandSpec().findOption("--data-dir")).isNotNull();
    }

    @Test
    void theVersionAloneHoldsNoCommand() {
        assertThat(forArgs("--version").getSubcommands()).isEmpty();
        assertThat(forArgs("--json", "-V").getSubcommands()).isEmpty();
    }

    @Test
    void helpNoCommandAndAnUnknownCommandHoldEveryCommand() {
        int all = new CommandLine(new StatekeeperCommand(null)).getSubcommands().size();
        assertThat(all).isGreaterThan(10);
        assertThat(forArgs("help", "loop").getSubcommands()).hasSize(all);
        assertThat(forArgs("--help").getSubcommands()).hasSize(all);
        assertThat(forArgs("--version", "--help").getSubcommands()).hasSize(all);
        assertThat(forArgs("lop", "get").getSubcommands()).hasSize(all);
        assertThat(forArgs().getSubcommands()).hasSize(all);
    }
}
