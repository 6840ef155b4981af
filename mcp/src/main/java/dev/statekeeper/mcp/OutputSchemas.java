package dev.statekeeper.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.core.internal.json.Json;

import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema of a tool's result, made from the type the tool returns as Statekeeper's JSON writes it (the
 * same introspection as {@link Json#mapper()}): records and beans are objects of their properties, lists arrays,
 * maps objects of values, wire enums their closed set, instants {@code date-time} strings. A reference may be
 * absent, and null unless its record leaves nulls out ({@code NON_NULL}); primitives and list items are always
 * there.
 */
final class OutputSchemas {
    private static final int MAX_DEPTH = 8;

    private OutputSchemas() {
    }

    static Map<String, Object> of(JavaType result) {
        if (!isObject(result)) {
            throw new IllegalStateException("a tool's result must be an object, not " + result);
        }
        return schema(result, 0, false);
    }

    private static boolean isObject(JavaType type) {
        return !type.isContainerType() || type.isMapLikeType();
    }

    private static Map<String, Object> schema(JavaType type, int depth, boolean nullable) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("result type nested too deep: " + type);
        }
        Class<?> raw = type.getRawClass();
        Map<String, Object> schema = new LinkedHashMap<>();
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return schema;
        }
        if (raw.isEnum() && WireEnum.class.isAssignableFrom(raw)) {
            List<Object> values = new ArrayList<>(Arrays.stream(raw.getEnumConstants()).map(e -> ((WireEnum) e).wire())
                    .toList());
            if (nullable) {
                values.add(null);
            }
            schema.put("enum", values);
            return schema;
        }
        String json;
        if (raw == String.class || raw.isEnum() || Temporal.class.isAssignableFrom(raw)
                || java.time.Duration.class == raw) {
            json = "string";
            if (raw == Instant.class) {
                schema.put("format", "date-time");
            }
        } else if (raw == int.class || raw == long.class || raw == short.class || raw == Integer.class
                || raw == Long.class || raw == Short.class) {
            json = "integer";
        } else if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class) {
            json = "number";
        } else if (raw == boolean.class || raw == Boolean.class) {
            json = "boolean";
        } else if (type.isCollectionLikeType() || type.isArrayType()) {
            json = "array";
            schema.put("items", schema(type.getContentType(), depth + 1, false));
        } else if (type.isMapLikeType()) {
            json = "object";
            schema.put("additionalProperties", schema(type.getContentType(), depth + 1, true));
        } else {
            json = "object";
            BeanDescription bean = Json.mapper().getSerializationConfig().introspect(type);
            JsonInclude include = raw.getAnnotation(JsonInclude.class);
            boolean nullsWritten = include == null || include.value() != JsonInclude.Include.NON_NULL;
            Map<String, Object> properties = new LinkedHashMap<>();
            for (BeanPropertyDefinition p : bean.findProperties()) {
                if (p.couldSerialize()) {
                    JavaType t = p.getAccessor().getType();
                    properties.put(p.getName(), schema(t, depth + 1, nullsWritten && !t.isPrimitive()));
                }
            }
            schema.put("properties", properties);
        }
        schema.put("type", nullable && !type.isPrimitive() ? List.of(json, "null") : json);
        return reorder(schema);
    }

    /** {@code type} first, for people reading tools/list. */
    private static Map<String, Object> reorder(Map<String, Object> schema) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("type", schema.remove("type"));
        ordered.putAll(schema);
        return ordered;
    }
}
