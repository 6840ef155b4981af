package dev.statekeeper.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.LoopWait;
import dev.statekeeper.core.events.StoreEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The store's change history: {@code list_events} reads it a page at a time, {@code wait_for_loop} blocks until a
 * loop reaches a version or a status (a person answering a {@code user_input} checkpoint, another agent's feedback).
 * Both read only; a wait holds nothing but its own thread (see {@link StatekeeperMcp}).
 */
final class EventTools {
    /** The most events list_events returns at once: sized for a context window. */
    static final int MAX_LIMIT = 100;
    /** How many events list_events returns unless asked for more or fewer. */
    static final int DEFAULT_LIMIT = 20;
    /** The longest wait_for_loop waits. */
    static final int MAX_TIMEOUT_SECONDS = 300;
    /** How long wait_for_loop waits unless told. */
    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    private static final Pattern AFTER = Pattern.compile("after:(0|[1-9][0-9]{0,18})");

    private EventTools() {
    }

    record ListEvents(
            @Arg(value = Listing.CURSOR, maxLength = Listing.MAX_CURSOR) String cursor,
            @Arg(value = "only events after this sequence, such as a lastSequence seen before", min = 0) Long after,
            @Arg(value = "only this record's events: loop:ID, spec:PROJECT/NAME, roadmap:P, plan:P, session:NAME, "
                    + "or a kind (loop)", maxLength = EventQuery.MAX_NAME) String entity,
            @Arg(value = "only this project's events", maxLength = EventQuery.MAX_NAME) String project,
            @Arg(value = "only events at or after this ISO-8601 instant (2026-01-31T12:00:00Z)", maxLength = 64)
            String since,
            @Arg(value = "return at most this many, oldest first (default 20)", min = 1, max = MAX_LIMIT) Integer limit) {
    }

    /**
     * One event, compact: what changed ({@code operation}, such as loop.feedback_added), the record, its new version,
     * who ({@code actor}) and through what ({@code via}: java, cli, http, mcp).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventItem(long sequence, Instant time, String operation, String entity, String entityId, String project,
                     Long version, String actor, String via, Map<String, Object> summary) {
        static EventItem of(StoreEvent e) {
            return new EventItem(e.sequence(), e.time(), e.change().wire(), e.entity(), e.entityId(), e.project(),
                    e.version(), e.actor(), e.via().wire(), e.summary());
        }
    }

    /**
     * A page of events, oldest first; {@code lastSequence} is the store's newest event (pass it as {@code after} to
     * read only what comes next); {@code nextCursor} is set while more events match now.
     */
    record EventPage(List<EventItem> items, long lastSequence, String nextCursor) {
    }

    record WaitForLoop(
            @Arg(value = "the loop's id", required = true) String loopId,
            @Arg(value = "wait until the loop's version is greater than this (the version you last saw)", min = 0)
            Long version,
            @Arg("wait until the loop has this status") LoopStatus untilStatus,
            @Arg(value = "give up after this many seconds (default 60)", min = 1, max = MAX_TIMEOUT_SECONDS)
            Integer timeoutSeconds) {
    }

    /** What a wait ended with: whether the loop got there, and the loop (its summary) as it was then. */
    record WaitResult(boolean reached, LoopSummary loop) {
    }

    static List<ToolDef<?>> all() {
        return List.of(
                ToolDef.reads("list_events", ListEvents.class, ToolDef.type(EventPage.class),
                        "The store's change history, oldest first: each committed write's operation "
                                + "(loop.feedback_added...), record, new version, actor, interface (via) and a "
                                + "short summary. Filter by entity, project or time; poll with after=lastSequence.",
                        EventTools::list),
                ToolDef.reads("wait_for_loop", WaitForLoop.class, ToolDef.type(WaitResult.class),
                        "Block until a loop's version passes the given one or it reaches untilStatus (such as "
                                + "a person's answer to user_input), or the timeout passes; returns reached and the "
                                + "loop's summary.",
                        EventTools::waitFor));
    }

    static EventPage list(StateStore store, ListEvents a) {
        if (a.cursor() != null && a.after() != null) {
            throw StatekeeperException.invalid("events query", List.of(new Violation("after", String.valueOf(a.after()),
                    "cannot be given with cursor; pass one of them")));
        }
        int limit = a.limit() == null ? DEFAULT_LIMIT : a.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw StatekeeperException.invalid("events query", List.of(new Violation("limit", String.valueOf(limit),
                    "must be between 1 and " + MAX_LIMIT)));
        }
        long after = a.cursor() != null ? after(a.cursor()) : a.after() == null ? 0 : a.after();
        EventQuery query = EventQuery.all().withAfter(after).withLimit(limit).withProject(a.project());
        if (a.entity() != null) {
            query = query.withEntity(a.entity());
        }
        if (a.since() != null) {
            query = query.withSince(instant(a.since()));
        }
        query.validate();
        EventBatch batch = store.events().read(query);
        List<EventItem> items = batch.events().stream().map(EventItem::of).toList();
        long next = batch.next(query);
        boolean more = items.size() == limit && next < batch.lastSequence();
        return new EventPage(items, batch.lastSequence(), more ? cursor(next) : null);
    }

    static WaitResult waitFor(StateStore store, WaitForLoop a) {
        if ((a.version() == null) == (a.untilStatus() == null)) {
            throw StatekeeperException.invalid("wait", List.of(new Violation("version",
                    a.version() == null ? null : String.valueOf(a.version()),
                    "give either version or untilStatus, not " + (a.version() == null ? "neither" : "both"))));
        }
        int seconds = a.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : a.timeoutSeconds();
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw StatekeeperException.invalid("wait", List.of(new Violation("timeoutSeconds",
                    String.valueOf(seconds), "must be between 1 and " + MAX_TIMEOUT_SECONDS)));
        }
        Duration timeout = Duration.ofSeconds(seconds);
        try {
            LoopWait.Result result = a.version() != null
                    ? LoopWait.pastVersion(store, a.loopId(), a.version(), timeout)
                    : LoopWait.until(store, a.loopId(), loop -> loop.status() == a.untilStatus(), timeout);
            return new WaitResult(result.reached(), result.loop().summary());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatekeeperException(ErrorCode.STORE_CLOSED, "the wait for loop '" + a.loopId()
                    + "' was interrupted: the server is stopping", e);
        }
    }

    static String cursor(long after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + after)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The sequence a list_events cursor holds; a cursor this server did not make is refused naming it. */
    static long after(String cursor) {
        String decoded = null;
        if (cursor.length() <= Listing.MAX_CURSOR) {
            try {
                decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
        }
        if (decoded == null || !AFTER.matcher(decoded).matches()) {
            throw StatekeeperException.invalid("cursor", List.of(new Violation("cursor",
                    cursor.length() > Listing.MAX_CURSOR ? cursor.substring(0, Listing.MAX_CURSOR) + "..." : cursor,
                    "is not a cursor this server gave; pass a nextCursor unchanged, or none for the first page")));
        }
        try {
            return Long.parseLong(decoded.substring("after:".length()));
        } catch (NumberFormatException e) {
            throw StatekeeperException.invalid("cursor", List.of(new Violation("cursor", cursor,
                    "is not a cursor this server gave; pass a nextCursor unchanged, or none for the first page")));
        }
    }

    private static Instant instant(String since) {
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw StatekeeperException.invalid("events query", List.of(new Violation("since", since,
                    "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z")));
        }
    }
}
