package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.GroupCommand;
import picocli.CommandLine.Command;

/** {@code statekeeper loop}: refinement loops and their critic feedback. */
@Command(name = "loop", description = "Refinement loops: create one, record critic feedback, decide the next action.",
        subcommands = {LoopCreate.class, LoopGet.class, LoopList.class, LoopFeedback.class, LoopDecide.class,
            LoopObjective.class, LoopDelete.class, LoopClean.class, LoopWaitCommand.class},
        footer = {"%nExample:",
            "  ID=$(statekeeper loop create --project demo --type spec)",
            "  statekeeper loop feedback $ID --critic reviewer --score 72 --summary 'solid start'",
            "  statekeeper loop decide $ID",
            "  statekeeper loop wait $ID --until-status completed --timeout 30m",
            "  statekeeper loop clean --older-than 30d --dry-run"})
public final class LoopCommand extends GroupCommand {
}
