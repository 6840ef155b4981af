package dev.statekeeper.core.archive;

import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.core.internal.domain.Timestamps;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event of the store's change history ({@link StoreEvent}) with every field it has, written after every other
 * kind of record, in sequence order (export format version 2). The event's entity kind is its operation's prefix.
 * Request keys are not exported: they are a server's memory of the retries it answered, not data.
 *
 * @param sequence   its number in the history, its key
 * @param time       when the write ran
 * @param operation  what the write did: {@link Change#wire()}, e.g. {@code loop.feedback_added}
 * @param entityId   the record changed
 * @param project    the project of the record, or null
 * @param version    the record's version after the write, or null
 * @param actor      who wrote, or null
 * @param via        the interface: {@link Via#wire()}, e.g. {@code cli}
 * @param requestId  the request id of the write, or null
 * @param requestKey the Idempotency-Key of the write, or null
 * @param summary    what changed: texts, numbers, booleans or lists of them (required: empty when there is nothing)
 */
public record EventRecord(long sequence, Instant time, String operation, String entityId, String project, Long version,
                          String actor, String via, String requestId, String requestKey, Map<String, Object> summary)
        implements ArchiveRecord {
    /** The most fields a summary may have. */
    public static final int MAX_SUMMARY = 100;
    /** The longest entity id, project, key or summary text an event may hold. */
    public static final int MAX_TEXT = 10_000;
    /** The longest request id. */
    public static final int MAX_REQUEST_ID = 200;

    /** Copies the summary, which is then unmodifiable; a missing summary stays null for {@link #check}. */
    public EventRecord {
        summary = summary == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    /**
     * The record of a stored event.
     *
     * @param e the event as the store's history returns it
     * @return its record
     */
    public static EventRecord of(StoreEvent e) {
        return new EventRecord(e.sequence(), e.time(), e.change().wire(), e.entityId(), e.project(), e.version(),
                e.actor(), e.via().wire(), e.requestId(), e.requestKey(), e.summary());
    }

    /**
     * The event as the store's history holds it, its time at the precision every backend keeps (microseconds). For
     * a record that passed {@link #check}.
     *
     * @return the event
     */
    public StoreEvent toEvent() {
        return new StoreEvent(sequence, Timestamps.truncate(time), WireEnum.parse(Change.class, "operation", operation), entityId, project,
                version, actor, WireEnum.parse(Via.class, "via", via), requestId, requestKey, summary);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.EVENT;
    }

    @Override
    public String key() {
        return Long.toString(sequence);
    }

    @Override
    public String describe() {
        return "event " + sequence;
    }

    @Override
    public void check(Checks checks) {
        checks.atLeast("sequence", sequence, 1);
        ArchiveRecordChecks.time(checks, "time", time);
        wire(checks, "operation", operation, Change.class);
        wire(checks, "via", via, Via.class);
        clean(checks.text("entityId", entityId, MAX_TEXT), "entityId", entityId);
        if (project != null) {
            clean(checks.text("project", project, MAX_TEXT), "project", project);
        }
        if (version != null) {
            checks.atLeast("version", version, 1);
        }
        if (actor != null) {
            clean(checks.text("actor", actor, Origin.MAX_ACTOR), "actor", actor);
        }
        if (requestId != null) {
            clean(checks.text("requestId", requestId, MAX_REQUEST_ID), "requestId", requestId);
        }
        if (requestKey != null) {
            clean(checks.text("requestKey", requestKey, MAX_TEXT), "requestKey", requestKey);
        }
        if (summary == null) {
            checks.add(new Violation("summary", null, "is required"));
        } else if (summary.size() > MAX_SUMMARY) {
            checks.add(new Violation("summary", summary.size() + " fields", "must have at most " + MAX_SUMMARY
                    + " fields"));
        } else {
            summary.forEach((field, value) -> {
                clean(checks.text("summary." + field, field, MAX_TEXT), "summary." + field, field);
                summaryValue(checks, "summary." + field, value, true);
            });
        }
    }

    /** A summary value: a text, a whole number a long holds, a finite number, a boolean, or (at the top) a list. */
    private static void summaryValue(Checks checks, String field, Object value, boolean top) {
        switch (value) {
            case String text -> clean(checks.optionalText(field, text, MAX_TEXT), field, text);
            case Boolean b -> { }
            case Integer i -> { }
            case Long l -> { }
            case Double d when Double.isFinite(d) -> { }
            case Double d -> checks.add(new Violation(field, String.valueOf(d), "is out of range"));
            case BigInteger big -> checks.add(new Violation(field, abbreviate(big.toString()), "is out of range"));
            case BigDecimal big -> checks.add(new Violation(field, abbreviate(big.toString()), "is out of range"));
            case List<?> items when top -> {
                if (items.size() > MAX_SUMMARY) {
                    checks.add(new Violation(field, items.size() + " values", "must list at most " + MAX_SUMMARY
                            + " values"));
                } else {
                    for (int i = 0; i < items.size(); i++) {
                        summaryValue(checks, field + "[" + i + "]", items.get(i), false);
                    }
                }
            }
            case null, default -> checks.add(new Violation(field, describeValue(value), "must be " + (top
                    ? "a text, a number, a boolean or a list of them" : "a text, a number or a boolean")));
        }
    }

    /** Control characters are refused in the history's texts (what they hold is printed on terminals). */
    private static void clean(Checks checks, String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                checks.add(new Violation(field, abbreviate(value.replaceAll("\\p{Cc}", "?")),
                        "must not contain control characters (U+%04X at %d)"
                        .formatted((int) value.charAt(i), i)));
                return;
            }
        }
    }

    private static <E extends Enum<E> & WireEnum> void wire(Checks checks, String field, String value, Class<E> type) {
        if (value == null) {
            checks.add(new Violation(field, null, "is required"));
            return;
        }
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(value)) {
                return;
            }
        }
        checks.add(new Violation(field, abbreviate(value.replaceAll("\\p{Cc}", "?")), "must be one of "
                + WireEnum.allowed(type)));
    }

    private static String describeValue(Object value) {
        return value == null ? "null" : value instanceof Map<?, ?> ? "an object"
                : value instanceof List<?> ? "a list in a list" : String.valueOf(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 40) + "... (" + text.length() + " characters)";
    }
}
