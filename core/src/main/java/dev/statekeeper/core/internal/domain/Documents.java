package dev.statekeeper.core.internal.domain;

import dev.statekeeper.core.domain.WireEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.internal.json.Json;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Field-by-field rules for the document records (spec, roadmap and plan content): filling defaults on
 * the first store, and merging an update onto the stored document while guarding frozen fields.
 */
public final class Documents {
    private Documents() {
    }

    /** The most characters one text field of a document may hold. */
    public static final int MAX_FIELD = 1_000_000;

    /**
     * Adds a violation for every text field (and map value) of the document that is over {@link #MAX_FIELD}
     * characters or holds a NUL character or a lone surrogate.
     *
     * @param checks   the checks to add to
     * @param document a spec, roadmap or plan document
     * @return {@code checks}
     */
    public static Checks checkText(Checks checks, Record document) {
        for (RecordComponent c : document.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(document);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            if (value instanceof String s) {
                checks.optionalText(c.getName(), s, MAX_FIELD);
            } else if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, String> texts = (Map<String, String>) map;
                checks.textMap(c.getName(), texts, MAX_FIELD);
            }
        }
        return checks;
    }

    /**
     * The document of a first store: every missing text field "", maps empty, and a missing status
     * {@code status}.
     *
     * @param input  the document as given
     * @param type   its record class
     * @param status the status when it names none
     * @param <T>    the document's type
     * @return a complete copy
     */
    public static <T extends Record> T withDefaults(T input, Class<T> type, WireEnum status) {
        ObjectNode node = Json.mapper().valueToTree(input);
        for (RecordComponent c : type.getRecordComponents()) {
            JsonNode value = node.get(c.getName());
            if (value != null && !value.isNull()) {
                continue;
            }
            if (c.getType() == String.class) {
                node.put(c.getName(), "");
            } else if (Map.class.isAssignableFrom(c.getType())) {
                node.putObject(c.getName());
            } else if (WireEnum.class.isAssignableFrom(c.getType())) {
                node.put(c.getName(), status.wire());
            }
        }
        return Json.mapper().convertValue(node, type);
    }

    /**
     * The stored document with every non-null field of the update laid over it. A frozen field whose new
     * value differs from the stored one is refused.
     *
     * @param stored  the stored document
     * @param update  the changes: non-null fields replace the stored ones
     * @param type    the document's record class
     * @param frozen  the names of the fields that may not change
     * @param subject what is updated, as the error names it: {@code spec update}
     * @param <T>     the document's type
     * @return the merged document
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#FROZEN_FIELD} naming each frozen field whose new value
     *         differs
     */
    public static <T extends Record> T merge(T stored, T update, Class<T> type, List<String> frozen, String subject) {
        ObjectNode base = Json.mapper().valueToTree(stored);
        ObjectNode changes = Json.mapper().valueToTree(update);
        Checks checks = Checks.of(subject);
        for (String field : frozen) {
            JsonNode next = changes.get(field);
            if (next != null && !next.isNull() && !next.equals(base.get(field))) {
                checks.add(new Violation(field, next.asText(), "is frozen after the first version and cannot change"));
            }
        }
        checks.orThrow(ErrorCode.FROZEN_FIELD);
        changes.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                base.set(e.getKey(), e.getValue());
            }
        });
        return Json.mapper().convertValue(base, type);
    }
}
