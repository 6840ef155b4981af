package dev.statekeeper.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;

import java.util.List;
import java.util.Map;

/**
 * Documents, lists and maps kept in JSON text columns, written and read with Statekeeper's one JSON
 * configuration ({@link Json}). Text that does not parse is reported as CORRUPT, naming where it was.
 */
public final class JsonColumns {
    // readers made once: Jackson resolves a TypeReference's type on every readValue (half of a list's parse
    // in getLoop, which reads two lists per feedback entry), a reader holds it resolved
    private static final ObjectReader STRINGS = Json.mapper().readerFor(new TypeReference<List<String>>() {
    });
    private static final ObjectReader STRING_MAP = Json.mapper().readerFor(new TypeReference<Map<String, String>>() {
    });

    private JsonColumns() {
    }

    public static String write(Object value) {
        return Json.write(value);
    }

    /** A stored document; {@code where} names it in the error, e.g. {@code spec 'auth' of project 'demo'}. */
    public static <T> T read(String json, Class<T> type, String where) {
        return Json.readStored(json, type, where);
    }

    public static List<String> strings(String json, String where) {
        return read(json, STRINGS, "List<String>", where);
    }

    public static Map<String, String> stringMap(String json, String where) {
        return read(json, STRING_MAP, "Map<String, String>", where);
    }

    private static <T> T read(String json, ObjectReader type, String typeName, String where) {
        try {
            return type.readValue(json);
        } catch (JsonProcessingException e) {
            throw new StatekeeperException(ErrorCode.CORRUPT,
                    "stored " + where + " is not valid JSON for " + typeName + ": " + e.getOriginalMessage(), e);
        }
    }
}
