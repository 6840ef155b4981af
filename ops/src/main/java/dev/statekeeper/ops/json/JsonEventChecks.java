package dev.statekeeper.ops.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.EntityKind;
import dev.statekeeper.core.internal.events.Changes;
import dev.statekeeper.ops.EventFindings;
import dev.statekeeper.ops.Finding;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The json store's change history ({@code history} of format version 2) against itself and the records, over the
 * parsed tree with the same findings as on SQLite and PostgreSQL ({@link EventFindings}): no gap between the oldest
 * and the newest kept event, {@code lastSequence} at or past the newest, each loop, spec, roadmap and plan at the
 * version its newest event with a version gave it, a record that is gone with a history that ends with its deletion.
 * A document of format version 1 has no history: its records are counted in the note. Events the strict read would
 * refuse (no sequence, an unknown change) are left to it.
 */
final class JsonEventChecks {
    /** One kept event, as far as these checks need it; {@code index} is its place in {@code history.events}. */
    private record Event(int index, long sequence, Change change, String entityId, Long version) {
    }

    /** What the history says of one record: its newest event, newest event with a version, newest deletion. */
    private static final class Entity {
        Event newest;
        Event versioned;
        Event deleted;
    }

    /** A record of the document: where it is, its entity id and version. */
    private record Stored(String where, String id, long version) {
    }

    private JsonEventChecks() {
    }

    static List<Finding> find(ObjectNode document, String file) {
        JsonNode history = document.path("history");
        List<Event> events = events(history.path("events"));
        List<Finding> findings = new ArrayList<>(sequence(events, history.path("lastSequence"), file));
        Map<EntityKind, Map<String, Entity>> entities = new EnumMap<>(EntityKind.class);
        for (Event e : events) { // in file order, which the strict read requires to be sequence order
            Entity entity = entities.computeIfAbsent(e.change().kind(), k -> new HashMap<>())
                    .computeIfAbsent(e.entityId(), id -> new Entity());
            if (entity.newest == null || e.sequence() > entity.newest.sequence()) {
                entity.newest = e;
            }
            if (e.version() != null && (entity.versioned == null || e.sequence() > entity.versioned.sequence())) {
                entity.versioned = e;
            }
            if (isDeletion(e.change()) && (entity.deleted == null || e.sequence() > entity.deleted.sequence())) {
                entity.deleted = e;
            }
        }
        Map<EntityKind, Map<String, Stored>> records = records(document);
        Map<EntityKind, Long> unchecked = new LinkedHashMap<>();
        for (EntityKind kind : EntityKind.values()) {
            Map<String, Entity> byId = entities.getOrDefault(kind, Map.of());
            Map<String, Stored> stored = records.get(kind);
            if (kind != EntityKind.SESSION) {
                long without = 0;
                List<Finding> mismatches = new ArrayList<>();
                for (Stored r : stored.values()) {
                    Entity h = byId.get(r.id());
                    if (h == null || h.versioned == null
                            || (h.deleted != null && h.versioned.sequence() < h.deleted.sequence())) {
                        without++;
                    } else if (r.version() >= 1 && r.version() != h.versioned.version()) {
                        mismatches.add(EventFindings.versionMismatch(file + " " + r.where(), kind, r.id(), r.version(),
                                h.versioned.version(), h.versioned.sequence(), h.versioned.change().wire()));
                    }
                }
                if (without > 0) {
                    unchecked.put(kind, without);
                }
                findings.addAll(mismatches.subList(0, Math.min(EventFindings.SHOWN, mismatches.size())));
                if (mismatches.size() > EventFindings.SHOWN) {
                    findings.add(EventFindings.moreMismatches(file + " " + kind.wire() + "s", kind,
                            mismatches.size() - EventFindings.SHOWN));
                }
            }
            List<Finding> deleted = new ArrayList<>();
            new TreeMap<>(byId).forEach((id, h) -> {
                if (!stored.containsKey(id) && !isDeletion(h.newest.change())) {
                    deleted.add(EventFindings.deletedWithoutEvent(file + " history.events[" + h.newest.index() + "]", kind, id,
                            h.newest.sequence(), h.newest.change().wire()));
                }
            });
            findings.addAll(deleted.subList(0, Math.min(EventFindings.SHOWN, deleted.size())));
            if (deleted.size() > EventFindings.SHOWN) {
                findings.add(EventFindings.moreDeleted(file + " history.events", kind,
                        deleted.size() - EventFindings.SHOWN));
            }
        }
        if (!unchecked.isEmpty()) {
            findings.add(EventFindings.withoutHistory(file + " history", unchecked));
        }
        return findings;
    }

    /** Gaps between the oldest and newest event, and {@code lastSequence} behind the newest. */
    private static List<Finding> sequence(List<Event> events, JsonNode lastSequence, String file) {
        List<Finding> findings = new ArrayList<>();
        long[] numbers = events.stream().mapToLong(Event::sequence).sorted().distinct().toArray();
        if (numbers.length == 0) {
            return findings;
        }
        long oldest = numbers[0];
        long newest = numbers[numbers.length - 1];
        if (newest - oldest + 1 != numbers.length) {
            List<EventFindings.Range> shown = new ArrayList<>();
            long ranges = 0;
            for (int i = 1; i < numbers.length; i++) {
                if (numbers[i] > numbers[i - 1] + 1) {
                    ranges++;
                    if (shown.size() < EventFindings.SHOWN) {
                        shown.add(new EventFindings.Range(numbers[i - 1] + 1, numbers[i] - 1));
                    }
                }
            }
            findings.add(EventFindings.gaps(file + " history.events", oldest, newest, shown, ranges,
                    newest - oldest + 1 - numbers.length));
        }
        if (lastSequence.isIntegralNumber() && lastSequence.asLong() < newest) {
            findings.add(EventFindings.counterBehind(file + " history.lastSequence", "history.lastSequence",
                    lastSequence.asLong(), newest, "set \"lastSequence\": " + newest + " in \"history\" by hand, with "
                            + "every process of the store stopped (until then the store refuses the file); --repair "
                            + "does not change the history"));
        }
        return findings;
    }

    /** The events the checks can read: a whole sequence, a known change, an entity id; the rest the strict read refuses. */
    private static List<Event> events(JsonNode list) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            Change change = change(Doc.text(e, "change"));
            String entityId = Doc.text(e, "entityId");
            JsonNode version = e.path("version");
            if (e.path("sequence").isIntegralNumber() && change != null && entityId != null
                    && (version.isIntegralNumber() || version.isMissingNode() || version.isNull())) {
                events.add(new Event(i, e.path("sequence").asLong(), change, entityId,
                        version.isIntegralNumber() ? version.asLong() : null));
            }
        }
        return events;
    }

    private static Change change(String wire) {
        for (Change c : Change.values()) {
            if (c.wire().equals(wire)) {
                return c;
            }
        }
        return null;
    }

    private static boolean isDeletion(Change change) {
        return change == Change.LOOP_DELETED || change == Change.SPEC_DELETED || change == Change.PLAN_DELETED
                || change == Change.SESSION_DELETED;
    }

    /** The records by kind and entity id (the first of a duplicate: the duplicate check reports the rest). */
    private static Map<EntityKind, Map<String, Stored>> records(ObjectNode document) {
        Map<EntityKind, Map<String, Stored>> records = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            records.put(kind, new LinkedHashMap<>());
        }
        List<JsonNode> loops = Doc.elements(document, "loops");
        for (int i = 0; i < loops.size(); i++) {
            put(records, EntityKind.LOOP, "loops[" + i + "]", Doc.text(loops.get(i), "id"), loops.get(i).path("version"));
        }
        List<JsonNode> specs = Doc.elements(document, "specs");
        for (int i = 0; i < specs.size(); i++) {
            JsonNode spec = specs.get(i);
            String project = Doc.text(spec, "project");
            String name = Doc.text(spec, "name");
            long version = 0;
            for (JsonNode revision : spec.path("revisions")) {
                version = Math.max(version, revision.path("version").asLong(0));
            }
            if (project != null && name != null) {
                records.get(EntityKind.SPEC).putIfAbsent(Changes.specId(project, name),
                        new Stored("specs[" + i + "]", Changes.specId(project, name), version));
            }
        }
        for (EntityKind kind : List.of(EntityKind.ROADMAP, EntityKind.PLAN)) {
            List<JsonNode> list = Doc.elements(document, kind.wire() + "s");
            for (int i = 0; i < list.size(); i++) {
                put(records, kind, kind.wire() + "s[" + i + "]", Doc.text(list.get(i), "project"),
                        list.get(i).path("version"));
            }
        }
        List<JsonNode> sessions = Doc.elements(document, "sessions");
        for (int i = 0; i < sessions.size(); i++) {
            put(records, EntityKind.SESSION, "sessions[" + i + "]", Doc.text(sessions.get(i), "name"),
                    sessions.get(i).path("version"));
        }
        return records;
    }

    private static void put(Map<EntityKind, Map<String, Stored>> records, EntityKind kind, String where, String id,
                            JsonNode version) {
        if (id != null) {
            records.get(kind).putIfAbsent(id, new Stored(where, id, version.isIntegralNumber() ? version.asLong() : 0));
        }
    }
}
