package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.cli.support.WireValues;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.LoopWait;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** {@code statekeeper loop wait ID}: blocks until the loop changes or reaches a status, from any process. */
@Command(name = "wait", description = {
    "Wait until a loop changes: by default until its version moves past the one it has now (any feedback, "
            + "decision or status change, made by this or any other process); with --until-status until it is in one "
            + "of the statuses given; with --version until its version is past N. Prints the loop's summary then.",
    "An agent uses it to block until a person answers a user_input checkpoint. Exits 7 (WAIT_TIMED_OUT) when "
            + "--timeout passes first, 3 when the loop does not exist or is deleted meanwhile."},
        footer = {"%nExamples:",
            "  statekeeper loop wait $ID --until-status in_progress --until-status completed --timeout 30m",
            "  statekeeper loop wait $ID --version 7 --timeout 60s"})
public final class LoopWaitCommand extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "the loop's id")
    String id;

    @Option(names = "--until-status", paramLabel = "STATUS", completionCandidates = WireValues.LoopStatuses.class,
            description = "wait until the loop is in this status (repeat for any of several): ${COMPLETION-CANDIDATES}")
    List<LoopStatus> statuses;

    @Option(names = "--version", paramLabel = "N", description = "wait until the loop's version is past N "
            + "(default: its version now)")
    Long version;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "give up after this long: 30s, 5m, 2h "
            + "(default: 10m)")
    Duration timeout = Duration.ofMinutes(10);

    @Override
    protected void execute(StateStore store, Output out) {
        if (statuses != null && version != null) {
            throw usage("--until-status and --version wait for different things: give one of them");
        }
        if (version != null && version < 0) {
            throw usage("--version " + version + ": must be at least 0");
        }
        Predicate<Loop> done;
        String goal;
        if (statuses != null) {
            Set<LoopStatus> wanted = EnumSet.copyOf(statuses);
            done = loop -> wanted.contains(loop.status());
            goal = "reach status " + wanted.stream().map(LoopStatus::wire).collect(Collectors.joining(" or "));
        } else {
            long past = version != null ? version : store.getLoop(id).version();
            done = loop -> loop.version() > past;
            goal = "move past version " + past;
        }
        LoopWait.Result result;
        try {
            result = LoopWait.until(store, id, done, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatekeeperException(ErrorCode.INTERNAL, "interrupted while waiting for loop '" + id + "'");
        }
        LoopSummary loop = result.loop().summary();
        if (!result.reached()) {
            throw new StatekeeperException(ErrorCode.WAIT_TIMED_OUT, "loop '" + id + "' did not " + goal + " within "
                    + Text.duration(timeout) + "; it is at version " + loop.version() + ", status "
                    + loop.status().wire());
        }
        out.emit(Output.fields("reached", true, "loop", loop), w -> LoopText.table(List.of(loop), w));
    }
}
