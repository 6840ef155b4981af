package dev.statekeeper.cli.support;

import dev.statekeeper.core.domain.Paging;
import picocli.CommandLine.Option;

/** {@code --limit} and {@code --offset} of the list commands. */
public final class PagingOptions {
    @Option(names = "--limit", paramLabel = "N", description = "show at most N results (1-1000, default 50)")
    Integer limit;

    @Option(names = "--offset", paramLabel = "N", description = "skip the first N results (default 0)")
    Integer offset;

    public Paging paging() {
        return Paging.of(limit, offset);
    }

    public boolean given() {
        return limit != null || offset != null;
    }
}
