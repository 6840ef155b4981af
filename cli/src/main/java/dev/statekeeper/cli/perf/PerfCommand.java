package dev.statekeeper.cli.perf;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.perf.PerfQuery;
import dev.statekeeper.core.perf.PerfReport;
import dev.statekeeper.jdbc.postgres.PostgresStoreProvider;
import dev.statekeeper.ops.postgres.StatementReport;
import dev.statekeeper.ops.postgres.StatementStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;

/**
 * {@code statekeeper perf}: each store operation's figures over a window (count, errors, faults, avg, p50, p95,
 * p99, max), busiest first, then the slowest recorded operations; the JSON of {@code --json} is
 * {@link PerfReport#toMap()}, as {@code GET /api/v1/perf} and MCP's {@code get_performance}.
 */
@Command(name = "perf", subcommands = {PerfSlow.class, PerfExplain.class}, description = {
    "What the store's operations cost: from the operation log, each operation (count, errors, faults, avg, p50, p95, "
            + "p99, max) over the window, busiest first, then the slowest recorded operations.",
    "The window runs from --since (default 1h) to now, in whole minutes: the minute it starts in counts whole. Times "
            + "are milliseconds, from the store's call to its answer. avg and max are exact; p50, p95 and p99 are "
            + "within 1 % of the exact value (a mergeable sketch).",
    "errors: operations that failed, whatever the error (a missing loop counts). faults: those of them that failed on "
            + "the store's side (busy, unavailable, disk full, internal: an error code whose HTTP status is 5xx).",
    "Slow operations are those that took STATEKEEPER_SLOW_OPERATION_MS (default 1000) or more, each with its backend, "
            + "outcome, attempts, time waiting for a connection, process and request id.",
    "The log is kept in the store, so every process that used it counts (STATEKEEPER_OPLOG, "
            + "STATEKEEPER_OPLOG_RETENTION); on the memory backend or with STATEKEEPER_OPLOG=false it counts this "
            + "process only, and says so.",
    "On PostgreSQL, --sql shows the database's own count of Statekeeper's statements (pg_stat_statements: calls, "
            + "total and mean time, rows, shared-buffer hit ratio, most total time first), and 'perf explain "
            + "OPERATION' the plans of an operation's statements."},
        footer = {"%nExample:",
            "  statekeeper perf --since 15m",
            "  statekeeper perf --operation addFeedback --since 2026-12-02T15:00:00Z --json",
            "  statekeeper perf slow --since 7d --limit 50",
            "  statekeeper perf --sql --limit 20"})
public final class PerfCommand extends StoreCommand {
    @Mixin
    PerfOptions window;

    @Option(names = "--operation", paramLabel = "NAME", description = "only this operation: a StateStore method "
            + "(getLoop, addFeedback, decide, ping...); a wrong one lists them all")
    String operation;

    @Option(names = "--sql", description = "PostgreSQL only: Statekeeper's statements as pg_stat_statements counts "
            + "them (the extension must be preloaded and created; the report says how when it is not); --limit is "
            + "the number of statements (default 10)")
    boolean sql;

    @Override
    protected void execute(StateStore store, Output out) {
        if (sql) {
            Settings settings = globals().settings();
            requirePostgres(settings, "perf --sql");
            int limit = window.query(spec, operation, PerfQuery.DEFAULT_LIMIT, globals().terminal().clock().instant())
                    .limit();
            StatementReport report = StatementStats.read(settings, limit);
            out.emit(report, w -> w.print(report.toText()));
            return;
        }
        Instant now = globals().terminal().clock().instant();
        PerfQuery query = window.query(spec, operation, PerfQuery.DEFAULT_LIMIT, now);
        PerfReport report = PerfReport.read(store.operationLog(), query, now);
        out.emit(report.toMap(), w -> PerfText.report(report, w));
    }

    static void requirePostgres(Settings settings, String command) {
        if (!settings.backend().equals(PostgresStoreProvider.NAME)) {
            throw PerfExplain.notPostgres(command, settings.backend());
        }
    }
}
