package dev.statekeeper.core.internal.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The checks of {@link StrictJson} that need the parsed tree: every key and string is valid Unicode without NUL,
 * every number is finite. A refusal names the value's path ({@code spec.scope}, {@code keyIssues[1]}).
 */
final class JsonTextCheck {
    private JsonTextCheck() {
    }

    static void check(JsonNode root) throws JsonInputException {
        walk(root, "");
    }

    private static void walk(JsonNode node, String path) throws JsonInputException {
        if (node.isTextual()) {
            text(node.textValue(), path, "");
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw new JsonInputException("bad value in " + where(path) + ": the number is too large (beyond "
                    + Double.MAX_VALUE + ")", field(path), Map.of("field", field(path)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                text(entry.getKey(), child, "the name of ");
                walk(entry.getValue(), child);
            }
        }
    }

    private static void text(String value, String path, String whose) throws JsonInputException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String problem = null;
            if (c == 0) {
                problem = "holds the NUL character (\\u0000), which no backend can store";
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                problem = "holds a lone surrogate (" + escape(c) + ") at character " + i + ": text must be valid Unicode";
            } else if (Character.isLowSurrogate(c)) {
                problem = "holds a lone surrogate (" + escape(c) + ") at character " + i + ": text must be valid Unicode";
            }
            if (problem != null) {
                String shown = JsonProblem.quote(value);
                throw new JsonInputException("bad value in " + whose + where(path) + ": " + shown + " " + problem,
                        field(path), Map.of("field", field(path)));
            }
        }
    }

    private static String where(String path) {
        return path.isEmpty() ? "the document" : "'" + field(path) + "'";
    }

    /** The path as messages show it: escaped, and cut after {@link JsonProblem#QUOTE_LIMIT} characters. */
    private static String field(String path) {
        if (path.isEmpty()) {
            return "(document)";
        }
        String cut = path.length() > JsonProblem.QUOTE_LIMIT ? path.substring(0, JsonProblem.QUOTE_LIMIT - 3) + "..." : path;
        return JsonProblem.printable(cut);
    }

    private static String escape(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
