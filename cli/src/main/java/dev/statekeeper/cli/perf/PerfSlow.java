package dev.statekeeper.cli.perf;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.perf.PerfQuery;
import dev.statekeeper.core.perf.PerfReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Instant;

/** {@code statekeeper perf slow}: the slowest recorded operations of the window, slowest first. */
@Command(name = "slow", description = {
    "The slowest recorded operations since --since (default 1h), slowest first: those that took "
            + "STATEKEEPER_SLOW_OPERATION_MS (default 1000) or more, each with when it ended, its duration in "
            + "milliseconds, backend, outcome (ok or the error code), attempts, time waiting for a connection, the "
            + "process (host:pid) and the HTTP or MCP request id that asked for it."})
public final class PerfSlow extends StoreCommand {
    @Mixin
    PerfOptions window;

    @Override
    protected void execute(StateStore store, Output out) {
        Instant now = globals().terminal().clock().instant();
        PerfQuery query = window.query(spec, null, PerfQuery.DEFAULT_SLOW_LIMIT, now);
        PerfReport report = PerfReport.readSlow(store.operationLog(), query, now);
        out.emit(report.toMap(), w -> {
            PerfText.slow(report, w);
            PerfText.notes(report, w);
        });
    }
}
