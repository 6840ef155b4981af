package dev.statekeeper.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.internal.json.Json;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The change history: {@code GET /events} reads it a page at a time, {@code GET /events/stream} follows it as
 * server-sent events. Both take the same filters: {@code after} (a sequence), {@code since} (an ISO-8601 time),
 * {@code entity} ({@code loop:ID}, {@code spec:project/name}, or a kind), {@code project}; the page also
 * {@code limit}.
 *
 * <p>A stream holds its request thread while it is open (it waits in {@link EventLog#awaitAfter}, not on Jetty's
 * selector): at most {@code maxStreams} are open at once ({@link Waits}), and a server stop ends them. It starts after
 * the {@code Last-Event-ID} header (a reconnecting EventSource sends it) or else {@code after}, writes each event as
 * {@code id: SEQUENCE}, {@code event: OPERATION} and {@code data: JSON}, and a comment {@code : keepalive} when nothing
 * was written for {@code heartbeat}; a client gone is noticed at the next write, which ends the stream.
 */
final class EventRoutes {
    /** The media type of the stream. */
    static final String EVENT_STREAM = "text/event-stream";

    /** An event as the API writes it: {@code operation} is the change's wire name, {@code entity} its kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(long sequence, Instant time, String operation, String entity, String entityId, String project,
                 Long version, String actor, String via, String requestId, String requestKey,
                 Map<String, Object> summary) {
        static Event of(StoreEvent e) {
            return new Event(e.sequence(), e.time(), e.change().wire(), e.kind().wire(), e.entityId(), e.project(),
                    e.version(), e.actor(), e.via().wire(), e.requestId(), e.requestKey(), e.summary());
        }
    }

    /**
     * A page of events.
     *
     * @param items        the events, oldest first
     * @param lastSequence the store's newest sequence when read
     * @param next         the {@code after} to read the next page with
     */
    record Events(List<Event> items, long lastSequence, long next) {
    }

    /** What {@code /events/stream} answers with, for the OpenAPI document: text, not JSON. */
    record Stream() {
    }

    private final Api api;
    private final Waits streams;
    private final Duration heartbeat;

    private EventRoutes(Api api, Waits streams, Duration heartbeat) {
        this.api = api;
        this.streams = streams;
        this.heartbeat = heartbeat;
    }

    /**
     * @param streams   the places of the open streams
     * @param heartbeat how long a stream stays silent before it writes a keepalive comment
     */
    static void register(Api api, Waits streams, Duration heartbeat) {
        EventRoutes r = new EventRoutes(api, streams, heartbeat);
        api.get("/events").query("after", "since", "entity", "project", "limit")
                .summary("the change history, oldest first, a page at a time").answers(200, Events.class).to(r::page);
        api.get("/events/stream").query("after", "since", "entity", "project")
                .summary("the change history as server-sent events, live").answers(200, Stream.class).to(r::stream);
    }

    private void page(Context ctx) {
        EventQuery query = query(ctx, Params.whole(ctx, "after", 0, Long.MAX_VALUE, 0)).withLimit(
                (int) Params.whole(ctx, "limit", 1, EventQuery.MAX_LIMIT, EventQuery.DEFAULT_LIMIT));
        EventBatch batch = api.store.events().read(query);
        long next = batch.next(query);
        if (batch.events().size() == query.limit()) {
            Api.next(ctx, "after", next);
        }
        ctx.json(new Events(batch.events().stream().map(Event::of).toList(), batch.lastSequence(), next));
    }

    /** The filters both routes take, reading after the sequence. */
    private static EventQuery query(Context ctx, long after) {
        EventQuery query = EventQuery.all().withAfter(after);
        String since = ctx.queryParam("since");
        if (since != null) {
            query = query.withSince(time(since));
        }
        for (String name : List.of("entity", "project")) {
            String value = ctx.queryParam(name);
            if (value != null && value.chars().anyMatch(Character::isISOControl)) {
                throw Params.invalid(name, value, "must not contain control characters");
            }
        }
        String entity = ctx.queryParam("entity");
        if (entity != null) {
            query = query.withEntity(entity);
        }
        String project = ctx.queryParam("project");
        if (project != null) {
            query = query.withProject(project);
        }
        query.validate();
        return query;
    }

    private static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw Params.invalid("since", value,
                    "must be an ISO-8601 time with an offset, such as 2026-01-31T09:30:00Z");
        }
    }

    private void stream(Context ctx) throws IOException {
        String lastId = ctx.header("Last-Event-ID");
        long after = Params.whole(ctx, "after", 0, Long.MAX_VALUE, 0);
        if (lastId != null) {
            if (!lastId.matches("\\d{1,18}")) {
                throw HttpFailure.badHeader("Last-Event-ID", lastId, "must be the id of an event received, a whole "
                        + "number from 0");
            }
            after = Long.parseLong(lastId);
        }
        EventQuery query = query(ctx, after);
        EventLog log = api.store.events();
        long seen = after;
        log.lastSequence(); // a backend without a history refuses here, before the stream is answered
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType(EVENT_STREAM + ";charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        if (ctx.method().name().equals("HEAD")) {
            return;
        }
        try (Waits.Place place = streams.enter()) {
            OutputStream out = res.getOutputStream();
            res.flushBuffer();
            long quiet = System.nanoTime();
            while (!place.ended()) {
                EventBatch batch = log.read(query.withAfter(seen));
                for (StoreEvent event : batch.events()) {
                    out.write(("id: " + event.sequence() + "\nevent: " + event.change().wire() + "\ndata: "
                            + Json.write(Event.of(event)) + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                seen = batch.next(query.withAfter(seen));
                if (!batch.events().isEmpty()) {
                    out.flush();
                    quiet = System.nanoTime();
                }
                if (batch.events().size() == query.limit()) {
                    continue; // more are there already
                }
                // the newest number when the batch was read (the same snapshot): the events up to it that the
                // filter left out need not be read again
                seen = Math.max(seen, batch.lastSequence());
                long silent = System.nanoTime() - quiet;
                if (silent >= heartbeat.toNanos()) {
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    quiet = System.nanoTime();
                    silent = 0;
                }
                log.awaitAfter(seen, heartbeat.minusNanos(silent));
            }
        } catch (InterruptedException stopped) {
            // the server stops: the stream ends, and the client reconnects elsewhere with Last-Event-ID
        } catch (IOException gone) {
            // the client went away: nothing more to write to
        }
    }
}
