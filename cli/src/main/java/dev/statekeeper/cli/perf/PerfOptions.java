package dev.statekeeper.cli.perf;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.perf.PerfQuery;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.time.Instant;
import java.util.function.Supplier;

/** {@code --since} and {@code --limit} of {@code perf} and {@code perf slow}, read by {@link PerfQuery}. */
final class PerfOptions {
    @Option(names = "--since", paramLabel = "WHEN", description = "the start of the window: a duration back from now "
            + "(90s, 15m, 1h, 7d; at most 365d) or an ISO-8601 instant (2026-12-02T15:00:00Z); default 1h")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "list at most N slow operations, 1 to 1000 "
            + "(default: 10 for perf, 20 for perf slow)")
    String limit;

    /** The query, or a usage error (exit 2) with {@link PerfQuery}'s message. */
    PerfQuery query(CommandSpec spec, String operation, int defaultLimit, Instant now) {
        return usage(spec, () -> new PerfQuery(PerfQuery.since("--since", since, now),
                PerfQuery.operation("--operation", operation), PerfQuery.limit("--limit", limit, defaultLimit)));
    }

    private static <T> T usage(CommandSpec spec, Supplier<T> read) {
        try {
            return read.get();
        } catch (StatekeeperException e) {
            if (e.code() != ErrorCode.USAGE) {
                throw e;
            }
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
