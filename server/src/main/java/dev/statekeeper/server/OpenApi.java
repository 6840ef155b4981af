package dev.statekeeper.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Paging;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.mcp.StatekeeperMcp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of the API ({@code GET /openapi.json}), generated from the {@link Route}s as they were
 * registered: their paths, query parameters (with the bounds {@link Params} checks and the enums they take), bodies
 * and responses, whose schemas come from the record types the handlers read and answer with, as the JSON mapper
 * sees them (its own property introspection, so a renamed or ignored property shows as it is written). Every error is
 * an RFC 9457 problem ({@link ApiError}). Built once, when the server starts.
 */
final class OpenApi {
    private static final Pattern PATH_PARAMETER = Pattern.compile("[{<]([A-Za-z]+)[}>]");
    private static final String PROBLEM = "#/components/responses/Problem";

    private final ObjectMapper mapper = Json.mapper();
    private final Map<String, ObjectNode> schemas = new TreeMap<>();
    private final Map<String, JavaType> named = new TreeMap<>();

    private OpenApi() {
    }

    /** The document for the routes, as JSON text. */
    static String document(List<Route> routes) {
        return Json.write(new OpenApi().build(routes));
    }

    private ObjectNode build(List<Route> routes) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Statekeeper HTTP API");
        info.put("version", StatekeeperMcp.version());
        info.put("description", "Durable state for refinement loops, specs, roadmaps, plans and sessions. Errors are "
                + "RFC 9457 problems whose type resolves at GET /problems/{code}.");
        info.putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
        doc.putArray("servers").addObject().put("url", "/").put("description", "the server that served this document");
        doc.putArray("security").add(mapper.createObjectNode().set("bearer", mapper.createArrayNode()))
                .add(mapper.createObjectNode());
        ObjectNode paths = doc.putObject("paths");
        for (Route route : routes) {
            String path = openApiPath(Api.BASE + route.path());
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            item.set(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "STATEKEEPER_API_TOKEN; without one set the server answers local programs only");
        components.putObject("responses").putObject("Problem").put("description", "an RFC 9457 problem")
                .putObject("content").putObject(ApiError.MEDIA_TYPE).putObject("schema")
                .put("$ref", "#/components/schemas/Problem");
        ObjectNode schemaNodes = components.putObject("schemas");
        schemaNodes.set("Problem", problemSchema());
        schemas.forEach(schemaNodes::set);
        return doc;
    }

    /** {@code /loops/{id}} as OpenAPI writes it; Javalin's {@code <name>} (which may hold '/') too. */
    static String openApiPath(String path) {
        return PATH_PARAMETER.matcher(path).replaceAll("{$1}");
    }

    private ObjectNode operation(Route route) {
        Route.Doc doc = route.doc();
        ObjectNode op = mapper.createObjectNode();
        op.put("operationId", operationId(route));
        op.put("summary", doc.summary());
        op.putArray("tags").add(route.path().split("/")[1]);
        ArrayNode parameters = op.putArray("parameters");
        Matcher m = PATH_PARAMETER.matcher(route.path());
        while (m.find()) {
            ObjectNode p = parameters.addObject().put("name", m.group(1)).put("in", "path").put("required", true);
            if (m.group(0).startsWith("<")) {
                p.put("description", "may hold '/', sent as it is");
            }
            p.putObject("schema").put("type", "string").put("minLength", 1);
        }
        for (String name : new TreeSet<>(route.query())) {
            ObjectNode p = parameters.addObject().put("name", name).put("in", "query")
                    .put("required", doc.required().contains(name));
            ObjectNode schema = queryValue(name, doc.choices().get(name));
            if (route.repeatable().contains(name)) {
                p.put("explode", true);
                ObjectNode array = p.putObject("schema").put("type", "array");
                array.set("items", schema);
            } else {
                p.set("schema", schema);
            }
        }
        if (route.ifMatch()) {
            parameters.addObject().put("name", "If-Match").put("in", "header").put("required", false)
                    .put("description", "the ETag read (\"VERSION\") or *: the write is refused with 412 when the record "
                            + "changed since").putObject("schema").put("type", "string");
        }
        if (doc.response() != null && doc.response().getRawClass() == EventRoutes.Stream.class) {
            parameters.addObject().put("name", "Last-Event-ID").put("in", "header").put("required", false)
                    .put("description", "the id of the last event received: the stream resumes after it (over after)")
                    .putObject("schema").put("type", "string").put("pattern", "^[0-9]{1,18}$");
        }
        if (!route.method().name().equals("GET")) {
            parameters.addObject().put("name", Api.ACTOR).put("in", "header").put("required", false)
                    .put("description", "who writes, as the change history records it")
                    .putObject("schema").put("type", "string").put("minLength", 1).put("maxLength", 200);
            parameters.addObject().put("name", "Idempotency-Key").put("in", "header").put("required", false)
                    .put("description", "repeating the request with the same key replays its first answer")
                    .putObject("schema").put("type", "string").put("minLength", 1).put("maxLength", 255);
        }
        if (doc.body() != null) {
            ObjectNode body = op.putObject("requestBody").put("required", true);
            body.putObject("content").putObject("application/json").set("schema", schema(doc.body()));
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(doc.status()))
                .put("description", doc.status() == 204 ? "done, no body" : "the answer");
        if (doc.response() != null && doc.response().getRawClass() == EventRoutes.Stream.class) {
            ok.putObject("content").putObject(EventRoutes.EVENT_STREAM).putObject("schema").put("type", "string")
                    .put("description", "server-sent events: 'id: SEQUENCE', 'event: OPERATION', 'data: EVENT' (the "
                            + "JSON of GET /api/v1/events' items), and ': keepalive' comments");
        } else if (doc.response() != null) {
            ok.putObject("content").putObject("application/json").set("schema", schema(doc.response()));
            if (doc.response().getRawClass() == Page.class) {
                ok.putObject("headers").putObject("Link").put("description", "<PATH?QUERY&offset=NEXT>; rel=\"next\" "
                        + "when items follow this page (RFC 8288)").putObject("schema").put("type", "string");
            }
            if (doc.response().getRawClass() == EventRoutes.Events.class) {
                ok.putObject("headers").putObject("Link").put("description", "<PATH?QUERY&after=NEXT>; rel=\"next\" "
                        + "when the page is full (RFC 8288)").putObject("schema").put("type", "string");
            }
            if (route.query().contains("wait")) {
                ok.putObject("headers").putObject(LoopRoutes.WAIT_HEADER).put("description", "with wait: changed "
                        + "(the loop is past version) or timeout").putObject("schema").put("type", "string")
                        .putArray("enum").add("changed").add("timeout");
            }
        }
        List<Integer> errors = new ArrayList<>(List.of(400, 401, 403));
        if (route.path().contains("{") || route.path().contains("<")) {
            errors.add(404);
        }
        if (doc.body() != null) {
            errors.addAll(List.of(413, 415));
        }
        if (route.ifMatch()) {
            errors.add(412);
        }
        if (route.query().contains("wait") || doc.response() != null
                && doc.response().getRawClass() == EventRoutes.Stream.class) {
            errors.add(503);
        }
        errors.stream().sorted().forEach(status -> responses.putObject(Integer.toString(status)).put("$ref", PROBLEM));
        responses.putObject("default").put("$ref", PROBLEM);
        return op;
    }

    private static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (String segment : route.path().split("[/-]")) {
            if (segment.isEmpty()) {
                continue;
            }
            Matcher m = PATH_PARAMETER.matcher(segment);
            String word = m.matches() ? "By" + capital(m.group(1)) : capital(segment);
            id.append(word);
        }
        return id.toString();
    }

    private static String capital(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A query parameter's schema: an enum's wire values, the paging bounds, or text. */
    private ObjectNode queryValue(String name, Class<?> choice) {
        if (choice != null) {
            return schema(mapper.constructType(choice));
        }
        ObjectNode schema = mapper.createObjectNode();
        switch (name) {
            case "limit" -> schema.put("type", "integer").put("minimum", 1).put("maximum", Paging.MAX_LIMIT);
            case "offset" -> schema.put("type", "integer").put("minimum", 0).put("maximum", Integer.MAX_VALUE);
            case "after", "version" -> schema.put("type", "integer").put("format", "int64").put("minimum", 0);
            case "since" -> schema.put("type", "string").put("format", "date-time");
            case "wait" -> schema.put("type", "string").put("pattern", "^[0-9]{1,2}s?$")
                    .put("description", "seconds to wait, at most " + LoopRoutes.MAX_WAIT.toSeconds());
            default -> schema.put("type", "string");
        }
        return schema;
    }

    /** The schema of a type as the mapper writes it: a $ref to a component for records and other objects. */
    private ObjectNode schema(JavaType type) {
        ObjectNode schema = mapper.createObjectNode();
        Class<?> raw = type.getRawClass();
        if (raw == Optional.class) {
            return schema(type.containedType(0));
        }
        if (raw == String.class || CharSequence.class.isAssignableFrom(raw) || raw == char.class || raw == Character.class) {
            return schema.put("type", "string");
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class) {
            return schema.put("type", "integer").put("format", "int32");
        }
        if (raw == long.class || raw == Long.class) {
            return schema.put("type", "integer").put("format", "int64");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || Number.class.isAssignableFrom(raw)) {
            return schema.put("type", "number");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return schema.put("type", "boolean");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class) {
            return schema.put("type", "string").put("format", "date-time");
        }
        if (raw == LocalDate.class) {
            return schema.put("type", "string").put("format", "date");
        }
        if (raw.isEnum()) {
            ArrayNode values = schema.put("type", "string").putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(mapper.valueToTree(constant).asText());
            }
            return schema;
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            schema.put("type", "array").set("items", schema(type.getContentType()));
            return schema;
        }
        if (type.isMapLikeType()) {
            schema.put("type", "object").set("additionalProperties", schema(type.getContentType()));
            return schema;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return schema; // any JSON value
        }
        return schema.put("$ref", "#/components/schemas/" + component(type));
    }

    private String component(JavaType type) {
        StringBuilder name = new StringBuilder(raw(type).getSimpleName());
        for (int i = 0; i < type.getBindings().size(); i++) {
            name.append(raw(type.getBindings().getBoundType(i)).getSimpleName());
        }
        String key = name.toString();
        JavaType known = named.putIfAbsent(key, type);
        if (known != null) {
            if (!known.equals(type)) {
                throw new IllegalStateException("two types would be the schema " + key + ": " + known + " and " + type);
            }
            return key;
        }
        ObjectNode schema = mapper.createObjectNode().put("type", "object");
        schemas.put(key, schema);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = mapper.createArrayNode();
        for (BeanPropertyDefinition property : mapper.getSerializationConfig().introspect(type).findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            JavaType propertyType = property.getPrimaryType();
            properties.set(property.getName(), schema(propertyType));
            if (propertyType.isPrimitive()) {
                required.add(property.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return key;
    }

    private static Class<?> raw(JavaType type) {
        return type.getRawClass();
    }

    private ObjectNode problemSchema() {
        try {
            return (ObjectNode) mapper.readTree("""
                    {"type": "object", "description": "RFC 9457 problem details, with Statekeeper's extensions",
                     "required": ["type", "title", "status", "detail", "code"],
                     "properties": {
                       "type": {"type": "string", "format": "uri-reference",
                                "description": "/problems/{code}, which describes the code; about:blank for a bare status"},
                       "title": {"type": "string", "description": "the code's cause"},
                       "status": {"type": "integer", "minimum": 400, "maximum": 599},
                       "detail": {"type": "string", "description": "what went wrong this time"},
                       "instance": {"type": "string", "format": "uri-reference", "description": "the request's path"},
                       "code": {"type": "string", "description": "the stable error code"},
                       "fix": {"type": "string", "description": "what to do about it"},
                       "violations": {"type": "array", "items": {"type": "object", "required": ["field", "rule"],
                         "properties": {"field": {"type": "string"}, "value": {}, "rule": {"type": "string"}}}},
                       "message": {"type": "string", "description": "the detail again (before problem details)"},
                       "details": {"type": "object", "description": "the failure's facts"}}}
                    """);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the problem schema is JSON", e);
        }
    }
}
