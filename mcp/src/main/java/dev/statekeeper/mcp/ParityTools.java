package dev.statekeeper.mcp;

import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Paging;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.internal.domain.Retention;
import dev.statekeeper.core.result.LoopDeleted;
import dev.statekeeper.core.result.LoopsCleaned;
import dev.statekeeper.core.result.SessionsCleaned;

import java.util.List;

/**
 * What the HTTP API and the CLI do that an agent needs too: find its loops after a restart, read a spec's revisions,
 * delete a loop, and clean old loops and sessions (or, dry, list what would go).
 */
final class ParityTools {
    /** The most revisions get_spec_history returns at once. */
    static final int MAX_HISTORY_LIMIT = 100;
    private static final int DEFAULT_HISTORY_LIMIT = 10;
    private static final String OLDER_THAN = "an age: a number and s, m, h, d or w (30d)";
    private static final int MAX_AGE_TEXT = 16;

    private ParityTools() {
    }

    record ListLoops(
            @Arg(value = "only this project's loops", maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg("only loops in this status") LoopStatus status,
            @Arg("only loops of this type") LoopType type,
            @Arg(value = "at most this many loops (default 50)", min = 1, max = Paging.MAX_LIMIT) Integer limit,
            @Arg(value = Listing.CURSOR, maxLength = Listing.MAX_CURSOR) String cursor) {
    }

    record SpecHistory(
            @Arg(value = "the spec's project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg(value = "the spec's name or title", required = true, maxLength = SpecName.MAX) String name,
            @Arg(value = "at most this many revisions (default 10)", min = 1, max = MAX_HISTORY_LIMIT) Integer limit,
            @Arg(value = Listing.CURSOR, maxLength = Listing.MAX_CURSOR) String cursor) {
    }

    record SpecRevision(
            @Arg(value = "the spec's project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg(value = "the spec's name or title", required = true, maxLength = SpecName.MAX) String name,
            @Arg(value = "the revision's version", required = true, min = 1) Long version) {
    }

    record Clean(
            @Arg(value = "remove those last updated longer ago than this: " + OLDER_THAN, required = true,
                    maxLength = MAX_AGE_TEXT) String olderThan,
            @Arg("only list what would be removed (default false)") Boolean dryRun) {
    }

    static List<ToolDef<?>> all() {
        return List.of(
                ToolDef.reads("list_loops", ListLoops.class, ToolDef.listing(LoopSummary.class),
                        "Loops without their feedback bodies, newest first, filtered by project, status and type.",
                        (store, a) -> {
                            if (a.project() != null && a.project().length() > NewLoop.MAX_PROJECT) {
                                throw StatekeeperException.invalid("project", List.of(new Violation("project",
                                        a.project().substring(0, 32) + "...", "must be at most " + NewLoop.MAX_PROJECT
                                        + " characters")));
                            }
                            Paging paging = Paging.of(a.limit(), Listing.offset(a.cursor()));
                            return Listing.of(store.listLoops(new LoopQuery(a.project(), a.type(), a.status(),
                                    paging)));
                        }),
                ToolDef.reads("get_spec_history", SpecHistory.class, ToolDef.listing(Spec.class),
                        "A spec's revisions, oldest first (version 1, 2, ...).",
                        (store, a) -> {
                            int limit = bounded("limit", a.limit(), DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
                            return Listing.slice(store.specHistory(a.project(), a.name()),
                                    Listing.offset(a.cursor()), limit);
                        }),
                ToolDef.reads("get_spec_revision", SpecRevision.class, ToolDef.type(Spec.class),
                        "One revision of a spec, by version.",
                        (store, a) -> revision(store.specHistory(a.project(), a.name()), a)),
                ToolDef.deletes("delete_loop", LoopTools.LoopRef.class, ToolDef.type(LoopDeleted.class),
                        "Delete a loop with its feedback, objective feedback and spec link.",
                        (store, a) -> {
                            store.deleteLoop(a.loopId());
                            return new LoopDeleted(a.loopId());
                        }),
                ToolDef.deletes("clean_loops", Clean.class, ToolDef.type(LoopsCleaned.class),
                        "Delete the completed loops last updated longer ago than olderThan (dryRun: only list "
                                + "them); their ids.",
                        (store, a) -> new LoopsCleaned(a.olderThan(), dry(a),
                                store.cleanLoops(Retention.parseDuration("olderThan", a.olderThan()), dry(a)))),
                ToolDef.deletes("clean_sessions", Clean.class, ToolDef.type(SessionsCleaned.class),
                        "Delete the ended sessions last updated longer ago than olderThan (dryRun: only list "
                                + "them); their names.",
                        (store, a) -> new SessionsCleaned(a.olderThan(), dry(a),
                                store.cleanSessions(Retention.parseDuration("olderThan", a.olderThan()), dry(a)))));
    }

    private static boolean dry(Clean a) {
        return Boolean.TRUE.equals(a.dryRun());
    }

    static int bounded(String field, Integer value, int fallback, int max) {
        int n = value == null ? fallback : value;
        if (n < 1 || n > max) {
            throw StatekeeperException.invalid(field, List.of(new Violation(field, String.valueOf(n),
                    "must be between 1 and " + max)));
        }
        return n;
    }

    private static Spec revision(List<Spec> history, SpecRevision a) {
        return history.stream().filter(s -> s.version() == a.version()).findFirst()
                .orElseThrow(() -> new StatekeeperException(ErrorCode.SPEC_NOT_FOUND, "spec '"
                        + history.getLast().name() + "' of project '" + history.getLast().project()
                        + "' has no version " + a.version() + " (it has versions " + history.getFirst().version()
                        + "-" + history.getLast().version() + ")"));
    }
}
