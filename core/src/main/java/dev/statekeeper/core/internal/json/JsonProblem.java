package dev.statekeeper.core.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a Jackson mapping failure means for the user: the field's path ({@code spec.scope}, {@code keyIssues[1]})
 * and the problem in plain words. One wording for every way JSON comes in: a CLI document, an HTTP body, MCP
 * tool arguments.
 *
 * @param message   the problem as one sentence, e.g. {@code wrong type for 'overallScore': expected a whole number, got the string "high"}
 * @param violation the same as a field, value and rule, for error details
 */
public record JsonProblem(String message, Violation violation) {

    /**
     * @param e     Jackson's failure
     * @param root  the parsed input, to quote the offending value
     * @param whole what the input is called when the problem is not in one field: "document", "body", "arguments"
     */
    public static JsonProblem of(JsonProcessingException e, JsonNode root, String whole) {
        String path = e instanceof JsonMappingException m ? shortPath(path(m)) : "";
        JsonNode value = e instanceof JsonMappingException m ? at(root, m) : null;
        Object shown = value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return new JsonProblem("unknown field '" + path + "' ("
                    + (known.isEmpty() ? "no fields are allowed here" : "known fields: " + known) + ")",
                    new Violation(path, null, "unknown field"));
        }
        StatekeeperException domain = domainCause(e);
        if (domain != null && !domain.violations().isEmpty()) {
            String rule = domain.violations().getFirst().rule();
            return new JsonProblem("bad value for '" + path + "': " + describe(value) + " " + rule,
                    new Violation(path, shown, rule));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null && !path.isEmpty()) {
            String expected = expected(m.getTargetType());
            return new JsonProblem("wrong type for '" + path + "': expected " + expected + ", got " + describe(value),
                    new Violation(path, shown, "must be " + expected));
        }
        String field = path.isEmpty() ? "(" + whole + ")" : path;
        String rule = domain != null ? domain.getMessage() : StrictJson.plain(e.getOriginalMessage());
        return new JsonProblem("bad value in " + (path.isEmpty() ? "the " + whole : "'" + path + "'") + ": " + rule,
                new Violation(field, shown, rule));
    }

    /** A JSON value as the user wrote it: {@code the string "high"}, {@code an array}, {@code null}. */
    public static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isTextual()) {
            return "the string " + quote(node.asText());
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return "a number too large for a double";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return node.isBoolean() ? node.asText() : node.isArray() ? "an array" : "an object";
    }

    /** How long a quoted value may get in a message: a 900 KB value is not echoed whole. */
    static final int QUOTE_LIMIT = 80;

    /**
     * A value quoted for a message: {@link #printable} and cut after {@link #QUOTE_LIMIT} characters, with the
     * length, so a 900 KB value is not echoed whole.
     */
    public static String quote(String value) {
        boolean cut = value.length() > QUOTE_LIMIT;
        int end = cut && Character.isHighSurrogate(value.charAt(QUOTE_LIMIT - 1)) ? QUOTE_LIMIT - 1 : QUOTE_LIMIT;
        String shown = cut ? value.substring(0, end) : value;
        return "\"" + printable(shown.replace("\\", "\\\\").replace("\"", "\\\""))
                + "\"" + (cut ? "... (" + value.length() + " characters)" : "");
    }

    /**
     * The text with control characters, lone surrogates and line/paragraph separators escaped as {@code \\uXXXX}:
     * safe to show on a terminal (no escape sequence reaches it) and to encode (no lone surrogate).
     */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean escape = !paired && (Character.isISOControl(c) || Character.isSurrogate(c)
                    || c == '\u2028' || c == '\u2029');
            if (escape && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                    if (paired) {
                        out.append(text.charAt(++i));
                    }
                }
            } else if (paired) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO-8601 timestamp such as 2026-01-31T12:00:00Z";
        }
        if (WireEnum.class.isAssignableFrom(type)) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((WireEnum) c).wire())
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : type.getSimpleName();
    }

    private static StatekeeperException domainCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatekeeperException s) {
                return s;
            }
        }
        return null;
    }

    /** A path as messages show it: control characters escaped, at most {@link #QUOTE_LIMIT} characters. */
    private static String shortPath(String path) {
        String shown = path.length() > QUOTE_LIMIT ? path.substring(0, QUOTE_LIMIT - 3) + "..." : path;
        return printable(shown);
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static JsonNode at(JsonNode root, JsonMappingException e) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }
}
