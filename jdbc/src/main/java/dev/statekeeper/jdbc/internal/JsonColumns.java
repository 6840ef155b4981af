package dev.statekeeper.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
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
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

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

    private static <T> T read(String json, TypeReference<T> type, String typeName, String where) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StatekeeperException(ErrorCode.CORRUPT,
                    "stored " + where + " is not valid JSON for " + typeName + ": " + e.getOriginalMessage(), e);
        }
    }
}
