package dev.statekeeper.cli.events;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.core.perf.PerfQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code statekeeper events}: the change history, read or followed. */
@Command(name = "events", description = {
    "The change history: one event for every write to the store, from any process, oldest first. Each shows its "
            + "sequence number, time, operation, record, new version, who wrote (the API token's actor, the OS user "
            + "of the CLI, the MCP client) through which interface, and a short summary of what changed.",
    "With --follow it keeps printing new events as they commit, from this or any other process, until stopped "
            + "(Ctrl-C) or --timeout passes. Events are kept STATEKEEPER_EVENTS_RETENTION (default 90 days)."},
        footer = {"%nExamples:",
            "  statekeeper events --since 1h",
            "  statekeeper events --entity loop:$ID --follow",
            "  statekeeper events --since 1200 --json        # one JSON object per event, after sequence 1200"})
public final class EventsCommand extends StoreCommand {
    private static final int PAGE = EventQuery.MAX_LIMIT;
    private static final Duration FOLLOW_STEP = Duration.ofSeconds(30);

    @Option(names = "--since", paramLabel = "SEQ|WHEN", description = "start after this sequence number (1200), or "
            + "at a time: a duration back from now (90s, 15m, 1h, 7d) or an ISO-8601 instant; default: the oldest "
            + "event kept")
    String since;

    @Option(names = "--entity", paramLabel = "KIND[:ID]", description = "only the events of one record (loop:ID, "
            + "spec:PROJECT/NAME, roadmap:PROJECT, plan:PROJECT, session:NAME) or of one kind (loop)")
    String entity;

    @Option(names = "--project", paramLabel = "PROJECT", description = "only the events of this project's records")
    String project;

    @Option(names = "--limit", paramLabel = "N", description = "print at most N events (default: all)")
    Integer limit;

    @Option(names = "--follow", description = "keep printing new events as they commit")
    boolean follow;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "with --follow, stop after this long "
            + "(30s, 5m, 1h; default: never)")
    Duration timeout;

    @Override
    protected void execute(StateStore store, Output out) {
        if (timeout != null && !follow) {
            throw usage("--timeout applies to --follow only");
        }
        if (limit != null && limit < 1) {
            throw usage("--limit " + limit + ": must be at least 1");
        }
        EventQuery query = query();
        EventLog events = store.events();
        PrintWriter w = out.writer();
        long printed = 0;
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> collected = new ArrayList<>();
        boolean lines = out.json() && follow;
        while (true) {
            EventQuery page = query.withLimit((int) Math.min(PAGE, limit == null ? PAGE : limit - printed));
            EventBatch batch = events.read(page);
            for (StoreEvent event : batch.events()) {
                if (!out.json()) {
                    EventText.line(event, w);
                } else if (lines) {
                    w.println(Json.write(event.toMap()));
                } else {
                    collected.add(event.toMap());
                }
                printed++;
            }
            w.flush();
            query = query.withAfter(batch.next(page));
            if (limit != null && printed >= limit) {
                break;
            }
            if (batch.events().size() < page.limit()) {
                if (!follow) {
                    break;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                await(events, query.after(), Duration.ofNanos(Math.min(remaining, FOLLOW_STEP.toNanos())));
            }
        }
        if (out.json() && !lines) {
            out.emit(Output.fields("items", collected, "lastSequence", events.lastSequence()), x -> { });
        } else if (!out.json() && printed == 0 && !follow) {
            w.println("no events" + (since == null && entity == null && project == null ? " yet" : " match"));
        }
    }

    private static void await(EventLog events, long after, Duration timeout) {
        try {
            events.awaitAfter(after, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatekeeperException(ErrorCode.INTERNAL, "interrupted while following the change history");
        }
    }

    private EventQuery query() {
        EventQuery query = EventQuery.all();
        if (since != null) {
            if (since.matches("[0-9]{1,18}")) {
                query = query.withAfter(Long.parseLong(since));
            } else {
                Instant now = globals().terminal().clock().instant();
                try {
                    query = query.withSince(PerfQuery.since("--since", since, now));
                } catch (StatekeeperException e) {
                    throw e.code() == ErrorCode.USAGE ? usage(e.getMessage().replace("use a duration",
                            "use a sequence number (1200), a duration")) : e;
                }
            }
        }
        if (entity != null) {
            query = query.withEntity(entity);
        }
        if (project != null) {
            query = query.withProject(project);
        }
        query.validate();
        return query;
    }
}
