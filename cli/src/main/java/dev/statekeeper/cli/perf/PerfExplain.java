package dev.statekeeper.cli.perf;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.ops.postgres.ExplainOperation;
import dev.statekeeper.ops.postgres.OperationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code statekeeper perf explain OPERATION}: the plan of every statement an operation runs, on PostgreSQL, with
 * arguments taken from the store, in one transaction rolled back whole ({@link ExplainOperation}).
 */
@Command(name = "explain", description = {
    "PostgreSQL only: runs OPERATION (a StateStore method: getLoop, addFeedback, listLoops...) on the store with "
            + "arguments taken from it (the newest loop, spec, session), explaining each of its statements with "
            + "EXPLAIN (ANALYZE, BUFFERS), all in one transaction that is rolled back: nothing it writes stays.",
    "Flags a sequential scan that read more than 10,000 rows (seed 003's runbook 1, step 2: a missing index or stale "
            + "statistics). Exit 0 whatever it finds; 2 for an operation it cannot explain, 5 when the database "
            + "cannot be reached."},
        footer = {"%nExample:", "  statekeeper perf explain getLoop", "  statekeeper perf explain listLoops --json"})
public final class PerfExplain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "OPERATION", description = "the operation to explain")
    String operation;

    @Override
    public Integer call() {
        Globals globals = (Globals) spec.root().userObject();
        Settings settings = globals.settings();
        PerfCommand.requirePostgres(settings, "perf explain");
        OperationPlan plan = new ExplainOperation(settings).explain(operation);
        new Output(globals.terminal().out(), globals.json()).emit(plan, w -> w.print(plan.toText()));
        return 0;
    }

    static StatekeeperException notPostgres(String command, String backend) {
        return new StatekeeperException(ErrorCode.USAGE, "'" + command + "' reads PostgreSQL's own statistics and "
                + "plans; the " + backend + " backend has none ('statekeeper perf' shows the operation log on every "
                + "backend)");
    }
}
