package dev.statekeeper.ops.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.internal.json.Json;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every complete record of a truncated or damaged json store, read with Jackson's streaming parser: the lists are
 * read one element at a time, and where the file ends or stops being JSON the element being read is dropped and
 * the reading stops. What it gives is a document of the records read (lists it never reached are empty), with
 * what is known of each list: complete, cut off (and where), or not reached. The change history ({@code history})
 * is kept when it was read whole, and is empty otherwise.
 */
final class JsonSalvage {
    /** One list of the document: the records read, and whether all of it was. */
    record Section(ArrayNode records, boolean complete, boolean reached) {
    }

    /** The document rebuilt from what was read, each list's state, and where the reading stopped (null: the end). */
    record Result(ObjectNode document, Map<String, Section> sections, String stoppedAt, Long generation) {
        long records() {
            return sections.values().stream().mapToLong(s -> s.records().size()).sum();
        }
    }

    /** Reads one value at a time from a parser that goes on: the next tokens are the next records. */
    private static final ObjectReader READER = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonSalvage() {
    }

    static Result read(byte[] bytes) {
        Map<String, Section> sections = new LinkedHashMap<>();
        Long generation = null;
        JsonNode history = null;
        String stopped = null;
        String current = null;
        ArrayNode records = null;
        try (JsonParser parser = READER.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                stopped = "the file does not start with a JSON object";
            }
            while (stopped == null && parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (Doc.LISTS.contains(name) && value == JsonToken.START_ARRAY) {
                    current = name;
                    records = JsonNodeFactory.instance.arrayNode();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                        if (t == null) { // Jackson reports the end inside a list itself; this only bounds the loop
                            throw new IOException("the file ends inside the list '" + name + "'");
                        }
                        JsonNode record = READER.readTree(parser);
                        records.add(record);
                    }
                    sections.put(name, new Section(records, true, true));
                    current = null;
                } else if (name.equals("generation") && value == JsonToken.VALUE_NUMBER_INT) {
                    generation = parser.getLongValue();
                } else if (name.equals("history") && value == JsonToken.START_OBJECT) {
                    history = READER.readTree(parser); // whole or not at all: a history cut off is dropped
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            stopped = where(e);
            if (current != null) {
                sections.put(current, new Section(records, false, true));
            }
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("format", JsonFiles.FORMAT);
        document.put("version", JsonFiles.VERSION);
        document.put("generation", generation == null ? 1 : generation + 1);
        for (String list : Doc.LISTS) {
            Section section = sections.computeIfAbsent(list, l -> new Section(JsonNodeFactory.instance.arrayNode(),
                    false, false));
            document.set(list, section.records());
        }
        document.set("history", history instanceof ObjectNode ? history : emptyHistory());
        return new Result(document, sections, stopped, generation);
    }

    /** The change history of a file whose own was not read whole: none, numbered from the start. */
    private static ObjectNode emptyHistory() {
        ObjectNode history = JsonNodeFactory.instance.objectNode();
        history.put("lastSequence", 0);
        history.putArray("events");
        history.putArray("requestKeys");
        return history;
    }

    private static String where(IOException e) {
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
        String place = at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return place + String.valueOf(message).lines().findFirst().orElse("");
    }
}
