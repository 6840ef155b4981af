package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.RecordKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.internal.json.Json;

import java.util.List;
import java.util.stream.Collectors;

/** What Jackson says about a line that is not a record, as violations naming the line and the field. */
final class LineProblems {
    private LineProblems() {
    }

    static List<Violation> of(long line, String text, JsonProcessingException e) {
        String at = "line " + line;
        if (!(e instanceof JsonMappingException m)) {
            String snippet = text.length() > 40 ? text.substring(0, 37) + "..." : text;
            return List.of(new Violation(at, snippet, "is not valid JSON (" + clean(e.getOriginalMessage()) + ")"));
        }
        JsonNode tree = tree(text);
        Object value = valueAt(tree, m);
        String field = path(m);
        String where = field.isEmpty() ? at : at + ": " + field;
        if (m.getCause() instanceof StatekeeperException s && !s.violations().isEmpty()) {
            Violation v = s.violations().getFirst();
            return List.of(new Violation(where, v.value(), v.rule()));
        }
        if (e instanceof InvalidTypeIdException t) {
            return List.of(new Violation(at + ": kind", t.getTypeId(), t.getTypeId() == null ? "is required"
                    : "must be one of " + RecordKind.order()));
        }
        if (e instanceof UnrecognizedPropertyException) {
            String kind = tree == null ? "" : tree.path("kind").asText("");
            return List.of(new Violation(where, value, "is not a field of " + (kind.isEmpty() ? "this kind of record"
                    : "a " + kind + " record")));
        }
        String message = clean(e.getOriginalMessage());
        if (message.startsWith("Missing creator property") || message.startsWith("Null value for creator property")) {
            return List.of(new Violation(where, null, "is required"));
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return List.of(new Violation(where, value, "must be " + expected(mi.getTargetType())));
        }
        return List.of(new Violation(where, value, message));
    }

    private static JsonNode tree(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The value the line has where Jackson stopped, as text or number, for the message; null when it has none. */
    private static Object valueAt(JsonNode tree, JsonMappingException m) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : m.getPath()) {
            if (node == null) {
                return null;
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        if (node == null || node.isNull() || node == tree) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.isNumber() ? node.numberValue() : node.toString();
    }

    /** {@code feedback[0].overallScore}, from Jackson's path of the field. */
    private static String path(JsonMappingException m) {
        String path = m.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "text";
        }
        if (java.time.Instant.class.equals(type)) {
            return "an instant such as 2026-01-31T12:00:00Z";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String clean(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return first.replaceAll("\\s*\\[Source: .*$", "").replaceAll("\\s*at \\[Source.*$", "").trim();
    }
}
