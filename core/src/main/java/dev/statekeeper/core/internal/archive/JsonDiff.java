package dev.statekeeper.core.internal.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.Json;

import java.util.Iterator;
import java.util.Map;

/** Where two versions of one record first differ, for messages: " in feedback[1].overallScore: 80 in the source, 90 in the target". */
final class JsonDiff {
    private JsonDiff() {
    }

    static String first(String source, String target) {
        if (target == null) {
            return "";
        }
        try {
            String found = first("", Json.mapper().readTree(source), Json.mapper().readTree(target));
            return found == null ? "" : found;
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String first(String path, JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return null;
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                String found = other == null ? at(at, e.getValue(), null) : first(at, e.getValue(), other);
                if (found != null) {
                    return found;
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String found = first(path + "[" + i + "]", a.get(i), b.get(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return at(path, a, b);
    }

    private static String at(String path, JsonNode source, JsonNode target) {
        return " in " + (path.isEmpty() ? "its fields" : path) + ": " + shorten(source) + " in the source, "
                + shorten(target) + " in the target";
    }

    private static String shorten(JsonNode value) {
        if (value == null) {
            return "(nothing)";
        }
        if (value.isArray()) {
            return value.size() + " entries";
        }
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
