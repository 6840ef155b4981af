package dev.statekeeper.ops.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Reading the json store's document as a tree: its lists of records and the fields of a record. */
final class Doc {
    /** The lists of a document, in the order the backend writes them. */
    static final List<String> LISTS = List.of("activeLoops", "loops", "specs", "roadmaps", "plans", "sessions");

    private Doc() {
    }

    /** The list {@code name}, or null when it is missing or not a list. */
    static ArrayNode list(ObjectNode document, String name) {
        JsonNode node = document.get(name);
        return node instanceof ArrayNode array ? array : null;
    }

    /** The elements of a list that is there; none when it is missing. */
    static List<JsonNode> elements(ObjectNode document, String name) {
        ArrayNode list = list(document, name);
        List<JsonNode> out = new ArrayList<>();
        if (list != null) {
            list.forEach(out::add);
        }
        return out;
    }

    /** A text field, or null when it is missing or not a text. */
    static String text(JsonNode record, String field) {
        JsonNode value = record == null ? null : record.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** The key of a spec (or its link): project and name, or null when either is missing. */
    static String specKey(JsonNode record) {
        String project = text(record, "project");
        String name = text(record, "name");
        return project == null || name == null ? null : project + "\u0000" + name;
    }
}
