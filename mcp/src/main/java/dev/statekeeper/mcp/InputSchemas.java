package dev.statekeeper.mcp;

import dev.statekeeper.core.domain.WireEnum;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema of a tool's arguments, made from its arguments record: one property per component with
 * its {@link Arg} description, the required ones listed, nothing else allowed. Documents (spec, roadmap,
 * plan content) become nested objects described by {@link DocumentFields}.
 */
final class InputSchemas {
    private InputSchemas() {
    }

    static Map<String, Object> of(Class<? extends Record> arguments) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : arguments.getRecordComponents()) {
            Arg arg = c.getAnnotation(Arg.class);
            if (arg == null) {
                throw new IllegalStateException(arguments.getName() + "." + c.getName() + " has no @Arg description");
            }
            properties.put(c.getName(), bounded(property(c.getGenericType(), arg.value()), arg));
            if (arg.required()) {
                required.add(c.getName());
            }
        }
        Map<String, Object> schema = object(properties);
        if (!required.isEmpty()) {
            schema.put("required", List.copyOf(required));
        }
        return schema;
    }

    /** The argument's bounds in the schema, before its description. */
    private static Map<String, Object> bounded(Map<String, Object> property, Arg arg) {
        String description = (String) property.remove("description");
        if (arg.min() != Long.MIN_VALUE) {
            property.put("minimum", arg.min());
        }
        if (arg.max() != Long.MAX_VALUE) {
            property.put("maximum", arg.max());
        }
        if (arg.maxLength() > 0) {
            property.put("maxLength", arg.maxLength());
        }
        if (arg.oneOf() != Arg.None.class) {
            property.put("enum", Arrays.stream(arg.oneOf().getEnumConstants()).map(Enum::name).toList());
        }
        property.put("description", description);
        return property;
    }

    private static Map<String, Object> object(Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> property(Type type, String description) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            schema.put("type", "array");
            schema.put("items", Map.of("type", "string"));
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            schema.put("type", "object");
            schema.put("additionalProperties", Map.of("type", "string"));
        } else if (type instanceof Class<?> c && c.isRecord()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (RecordComponent f : c.getRecordComponents()) {
                fields.put(f.getName(), property(f.getGenericType(), DocumentFields.describe(c, f.getName())));
            }
            schema.putAll(object(fields));
        } else if (type instanceof Class<?> c && c.isEnum() && WireEnum.class.isAssignableFrom(c)) {
            schema.put("type", "string");
            schema.put("enum", Arrays.stream(c.getEnumConstants()).map(e -> ((WireEnum) e).wire()).toList());
        } else {
            schema.put("type", scalar(type));
        }
        if (description != null) {
            schema.put("description", description);
        }
        return schema;
    }

    private static String scalar(Type type) {
        if (type == String.class) {
            return "string";
        }
        if (type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == Boolean.class) {
            return "boolean";
        }
        throw new IllegalStateException("no JSON schema for arguments of type " + type.getTypeName());
    }
}
