package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopSummary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code statekeeper loop feedback ID}: appends one critic's assessment. */
@Command(name = "feedback", description = {"Record a critic's feedback on a loop, atomically: the entry is appended, "
        + "the current score set, the score history extended, and an initialized loop moves to in_progress.",
    "Give the feedback with flags or as JSON with --file."})
public final class LoopFeedback extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "the loop's id")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    FeedbackInput input;

    @Option(names = "--expect-version", paramLabel = "N",
            description = "fail with a stale-version error unless the loop is at version N")
    Long expectVersion;

    @Override
    protected void execute(StateStore store, Output out) {
        CriticFeedback feedback = input.read(stdin());
        LoopSummary loop = store.addFeedback(id, feedback, expectVersion);
        out.emit(loop, "recorded feedback #" + loop.feedbackCount() + " on loop " + loop.id() + ": score "
                + feedback.overallScore() + ", status " + loop.status() + ", version " + loop.version());
    }
}
