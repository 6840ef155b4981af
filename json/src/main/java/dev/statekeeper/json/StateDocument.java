package dev.statekeeper.json;

import dev.statekeeper.json.internal.JsonStoreFormat;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.internal.memory.MemorySnapshot;

import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.KeptRequest;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.core.internal.events.EventJournal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The json store's file, format version 2: a header (format, version, the generation that grows by one per
 * write), the active-loop history, every record, then the change {@link History} (events and request keys), saved
 * in the same atomic write as the records. Version 1, the same without the history, is still read
 * ({@link Version1}); version 2 was introduced with the history so that a build that knows only version 1 refuses
 * the file as written by a newer statekeeper rather than as damaged (which would send its user to a recovery
 * that drops the history). Fields appear in declaration order; a loop carries its
 * objective feedback, its spec link and its feedback; a spec carries every revision. Its own records rather
 * than the domain's, so that the file format changes only on purpose; the documents themselves (spec,
 * roadmap and plan content, critic feedback) keep the shape the API and CLI give them.
 */
record StateDocument(String format, int version, long generation, List<String> activeLoops, List<LoopEntry> loops,
                     List<SpecEntry> specs, List<RoadmapEntry> roadmaps, List<PlanEntry> plans,
                     List<SessionEntry> sessions, History history) {
    static final String FORMAT = JsonStoreFormat.FORMAT;
    static final int VERSION = JsonStoreFormat.VERSION;

    StateDocument {
        activeLoops = list(activeLoops, "activeLoops");
        loops = list(loops, "loops");
        specs = list(specs, "specs");
        roadmaps = list(roadmaps, "roadmaps");
        plans = list(plans, "plans");
        sessions = list(sessions, "sessions");
        if (history == null) {
            throw new IllegalArgumentException("history must be an object");
        }
    }

    /**
     * A file of format version 1, written before the change history was kept: the same fields without
     * {@code history}, read strictly too.
     */
    record Version1(String format, int version, long generation, List<String> activeLoops, List<LoopEntry> loops,
                    List<SpecEntry> specs, List<RoadmapEntry> roadmaps, List<PlanEntry> plans,
                    List<SessionEntry> sessions) {
        /** The same records with an empty history, as version 2 holds them. */
        StateDocument current() {
            return new StateDocument(format, version, generation, activeLoops, loops, specs, roadmaps, plans, sessions,
                    History.of(EventJournal.State.empty()));
        }
    }

    record LoopEntry(String id, String project, LoopType type, LoopStatus status, int currentScore, int iteration,
                     long version, Instant createdAt, Instant updatedAt, String objectiveFeedback, SpecRef spec,
                     List<CriticFeedback> feedback) {
        LoopEntry {
            if (id == null) {
                throw new IllegalArgumentException("a loop must have an id");
            }
            feedback = list(feedback, "feedback");
        }
    }

    record SpecRef(String project, String name) {
    }

    record SpecEntry(String project, String name, Instant createdAt, List<SpecRevision> revisions) {
        SpecEntry {
            revisions = list(revisions, "revisions");
        }
    }

    record SpecRevision(long version, int iteration, Instant updatedAt, SpecContent content) {
    }

    record RoadmapEntry(String project, long version, Instant createdAt, Instant updatedAt, RoadmapContent content) {
    }

    record PlanEntry(String project, long version, Instant createdAt, Instant updatedAt, PlanContent content) {
    }

    record SessionEntry(String name, SessionStatus status, String repoName, String repoUrl, String branch,
                        String taskId, Instant createdAt, Instant updatedAt, Map<String, String> metadata) {
        SessionEntry {
            if (metadata == null || metadata.values().stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("metadata must be an object of texts, without nulls");
            }
        }
    }


    /**
     * The change history: the newest sequence given (events pruned since keep it), the events in sequence order and
     * the request keys, oldest first. Read as strictly as the records: what the store cannot have written (a
     * sequence out of order or past {@code lastSequence}, a control character in a name, a summary holding objects or
     * numbers beyond a long) is refused.
     */
    record History(long lastSequence, List<EventEntry> events, List<KeyEntry> requestKeys) {
        History {
            events = list(events, "history.events");
            requestKeys = list(requestKeys, "history.requestKeys");
            if (lastSequence < 0) {
                throw new IllegalArgumentException("history.lastSequence must be 0 or more, not " + lastSequence);
            }
            long previous = 0;
            for (EventEntry event : events) {
                if (event.sequence() <= previous || event.sequence() > lastSequence) {
                    throw new IllegalArgumentException("history.events: sequence " + event.sequence() + " is out of "
                            + "order (after " + previous + ", at most lastSequence " + lastSequence + ")");
                }
                previous = event.sequence();
            }
            Set<String> keys = new HashSet<>();
            for (KeyEntry key : requestKeys) {
                if (!keys.add(key.key())) {
                    throw new IllegalArgumentException("history.requestKeys: key '" + key.key() + "' is there twice");
                }
            }
        }

        static History of(EventJournal.State state) {
            return new History(state.lastSequence(), state.events().stream().map(EventEntry::of).toList(),
                    state.keys().stream().map(KeyEntry::of).toList());
        }

        /** The journal's state this history holds. */
        EventJournal.State state() {
            return new EventJournal.State(lastSequence, events.stream().map(EventEntry::event).toList(),
                    requestKeys.stream().map(KeyEntry::kept).toList());
        }
    }

    /** One event; {@code change} and {@code via} are their wire values ({@code loop.created}, {@code http}). */
    record EventEntry(long sequence, Instant time, String change, String entityId, String project, Long version,
                      String actor, String via, String requestId, String requestKey, Map<String, Object> summary) {
        EventEntry {
            if (sequence < 1) {
                throw new IllegalArgumentException("an event's sequence must be 1 or more, not " + sequence);
            }
            if (time == null || change == null || via == null || summary == null) {
                throw new IllegalArgumentException("an event must have a time, a change, a via and a summary");
            }
            parse(Change.class, "change", change);
            parse(Via.class, "via", via);
            name("entityId", entityId, true);
            name("project", project, false);
            name("actor", actor, false);
            name("requestId", requestId, false);
            name("requestKey", requestKey, false);
            if (version != null && version < 1) {
                throw new IllegalArgumentException("an event's version must be 1 or more, not " + version);
            }
            if (summary.size() > MAX_SUMMARY) {
                throw new IllegalArgumentException("an event's summary has " + summary.size() + " fields, more than "
                        + MAX_SUMMARY);
            }
            summary.forEach((field, value) -> {
                name("summary field", field, true);
                summaryValue(field, value, true);
            });
        }

        static EventEntry of(StoreEvent e) {
            return new EventEntry(e.sequence(), e.time(), e.change().wire(), e.entityId(), e.project(), e.version(),
                    e.actor(), e.via().wire(), e.requestId(), e.requestKey(), e.summary());
        }

        StoreEvent event() {
            return new StoreEvent(sequence, time, parse(Change.class, "change", change), entityId, project, version,
                    actor, parse(Via.class, "via", via), requestId, requestKey, summary);
        }
    }

    /** A request key, with the response kept for it or null; the response body is base64 in the file. */
    record KeyEntry(String key, String fingerprint, Instant at, ResponseEntry response) {
        KeyEntry {
            name("key", key, true);
            name("fingerprint", fingerprint, true);
            if (at == null) {
                throw new IllegalArgumentException("a request key must have an 'at' time");
            }
        }

        static KeyEntry of(KeptRequest k) {
            KeptRequest.Response r = k.response();
            return new KeyEntry(k.key(), k.fingerprint(), k.at(), r == null ? null
                    : new ResponseEntry(r.status(), r.contentType(), r.headers(), r.body(), r.bodyBytes()));
        }

        KeptRequest kept() {
            return new KeptRequest(key, fingerprint, at, response == null ? null : new KeptRequest.Response(
                    response.status(), response.contentType(), response.headers(), response.body(),
                    response.bodyBytes()));
        }
    }

    /** A kept response: {@code body} is null when it was too large to keep. */
    record ResponseEntry(int status, String contentType, Map<String, String> headers, byte[] body, int bodyBytes) {
        ResponseEntry {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("a kept response's status must be 100-599, not " + status);
            }
            if (bodyBytes < 0) {
                throw new IllegalArgumentException("a kept response's bodyBytes must be 0 or more, not " + bodyBytes);
            }
            name("contentType", contentType, false);
            if (headers == null || headers.values().stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("a kept response's headers must be an object of texts, without "
                        + "nulls");
            }
            headers.forEach((header, value) -> {
                name("header", header, true);
                name("header " + header, value, true);
            });
        }
    }

    /** The most fields an event's summary has (the store writes a handful). */
    static final int MAX_SUMMARY = 100;
    /** The longest name, id or key an event holds. */
    static final int MAX_NAME = 10_000;

    /** A text of the history: bounded, without control characters; {@code required} refuses null and blank. */
    private static void name(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return;
        }
        if (required && value.isBlank()) {
            throw new IllegalArgumentException(field + " is blank");
        }
        if (value.length() > MAX_NAME) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long, more than "
                    + MAX_NAME);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " holds the control character U+%04X at %d"
                        .formatted((int) value.charAt(i), i));
            }
        }
    }

    /** A summary value: a text, a number a long or a finite double holds, a boolean, or (at the top) a list of them. */
    private static void summaryValue(String field, Object value, boolean top) {
        switch (value) {
            case String text -> {
                if (text.length() > MAX_NAME) {
                    throw new IllegalArgumentException("summary field '" + field + "' is " + text.length()
                            + " characters long, more than " + MAX_NAME);
                }
            }
            case Boolean b -> {
            }
            case BigInteger big -> throw new IllegalArgumentException("summary field '" + field + "' holds "
                    + "a number out of range: " + abbreviate(big.toString()));
            case BigDecimal big -> throw new IllegalArgumentException("summary field '" + field + "' holds "
                    + "a number out of range: " + abbreviate(big.toString()));
            case Double d when !Double.isFinite(d) -> throw new IllegalArgumentException("summary field '" + field
                    + "' holds a number out of range: " + d);
            case Integer i -> {
            }
            case Long l -> {
            }
            case Double d -> {
            }
            case List<?> items when top -> {
                if (items.size() > MAX_SUMMARY) {
                    throw new IllegalArgumentException("summary field '" + field + "' lists " + items.size()
                            + " values, more than " + MAX_SUMMARY);
                }
                items.forEach(item -> summaryValue(field, item, false));
            }
            case null, default -> throw new IllegalArgumentException("summary field '" + field + "' must be "
                    + (top ? "a text, a number, a boolean or a list of them" : "a text, a number or a boolean")
                    + ", not " + describe(value));
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value instanceof Map<?, ?> ? "an object" : value instanceof List<?>
                ? "a list in a list" : value.getClass().getSimpleName();
    }

    private static String abbreviate(String number) {
        return number.length() <= 40 ? number : number.substring(0, 20) + "... (" + number.length() + " digits)";
    }

    private static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String field, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("an event's " + field + " '" + abbreviate(value) + "' is not one of "
                + WireEnum.allowed(type));
    }

    /** The document of a snapshot and a journal's state, as generation {@code generation}. */
    static StateDocument of(MemorySnapshot s, EventJournal.State journal, long generation) {
        Map<String, SpecRef> links = new HashMap<>();
        s.specLinks().forEach(l -> links.put(l.loopId(), new SpecRef(l.project(), l.name())));
        return new StateDocument(FORMAT, VERSION, generation, s.activeLoops(),
                s.loops().stream().map(l -> new LoopEntry(l.id(), l.project(), l.type(), l.status(), l.currentScore(),
                        l.iteration(), l.version(), l.createdAt(), l.updatedAt(), s.objectiveFeedback().get(l.id()),
                        links.get(l.id()), l.feedback())).toList(),
                s.specs().stream().map(StateDocument::specEntry).toList(),
                s.roadmaps().stream().map(r -> new RoadmapEntry(r.project(), r.version(), r.createdAt(), r.updatedAt(),
                        r.content())).toList(),
                s.plans().stream().map(p -> new PlanEntry(p.project(), p.version(), p.createdAt(), p.updatedAt(),
                        p.content())).toList(),
                s.sessions().stream().map(x -> new SessionEntry(x.name(), x.status(), x.repoName(), x.repoUrl(),
                        x.branch(), x.taskId(), x.createdAt(), x.updatedAt(), x.metadata())).toList(),
                History.of(journal));
    }

    private static SpecEntry specEntry(List<Spec> revisions) {
        Spec first = revisions.getFirst();
        return new SpecEntry(first.project(), first.name(), first.createdAt(), revisions.stream()
                .map(r -> new SpecRevision(r.version(), r.iteration(), r.updatedAt(), r.content())).toList());
    }

    /** The records of the document; the score history of a loop is its feedback's scores. */
    MemorySnapshot snapshot() {
        Map<String, String> objectives = new HashMap<>();
        List<MemorySnapshot.SpecLink> links = new ArrayList<>();
        for (LoopEntry l : loops) {
            if (l.objectiveFeedback() != null) {
                objectives.put(l.id(), l.objectiveFeedback());
            }
            if (l.spec() != null) {
                links.add(new MemorySnapshot.SpecLink(l.id(), l.spec().project(), l.spec().name()));
            }
        }
        return new MemorySnapshot(
                loops.stream().map(l -> new Loop(l.id(), l.project(), l.type(), l.status(), l.currentScore(),
                        l.feedback().stream().map(CriticFeedback::overallScore).toList(), l.iteration(), l.feedback(),
                        l.createdAt(), l.updatedAt(), l.version())).toList(),
                activeLoops, objectives,
                specs.stream().map(e -> e.revisions().stream().map(r -> new Spec(e.project(), e.name(), r.iteration(),
                        r.version(), r.content(), e.createdAt(), r.updatedAt())).toList()).toList(),
                links,
                roadmaps.stream().map(r -> new Roadmap(r.project(), r.version(), r.content(), List.of(), r.createdAt(),
                        r.updatedAt())).toList(),
                plans.stream().map(p -> new ProjectPlan(p.project(), p.version(), p.content(), p.createdAt(),
                        p.updatedAt())).toList(),
                sessions.stream().map(x -> new Session(x.name(), x.repoName(), x.repoUrl(), x.branch(), x.taskId(),
                        x.status(), x.metadata(), x.createdAt(), x.updatedAt())).toList());
    }

    /** A list field: present, without null elements (a hand edit may have left either). */
    private static <T> List<T> list(List<T> values, String field) {
        if (values == null || values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + " must be a list without nulls");
        }
        return List.copyOf(values);
    }
}
