package dev.statekeeper.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.json.Json;
import dev.statekeeper.core.json.JsonProblem;
import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body into a domain record with Statekeeper's strict mapper. Any problem is a 400
 * VALIDATION_FAILED that names the field (or line and column), before anything is written: malformed JSON,
 * unknown fields, wrong types, bad enum values. A body must be sent as {@code application/json} (415
 * otherwise), which also keeps web pages from posting to a local server without a CORS preflight.
 */
final class JsonBody {
    private JsonBody() {
    }

    static <T> T read(Context ctx, String subject, Class<T> type) {
        return convert(object(ctx, subject), subject, type);
    }

    /** The body as a JSON object. */
    static ObjectNode object(Context ctx, String subject) {
        byte[] body = ctx.bodyAsBytes(); // cached by Javalin, at most STATEKEEPER_MAX_BODY_BYTES (else 413)
        if (body.length > 0) {
            requireJsonContentType(ctx);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String problem = e instanceof JsonParseException ? e.getOriginalMessage() : "more content after the JSON object";
            throw invalid(subject, "malformed JSON" + where + ": " + problem,
                    new Violation("(document)", null, "malformed JSON" + where),
                    at == null ? Map.of() : Map.of("line", at.getLineNr(), "column", at.getColumnNr()));
        } catch (java.io.IOException e) {
            throw new StatekeeperException(ErrorCode.INTERNAL, "cannot read the request body: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw invalid(subject, "the body is empty; expected a JSON object",
                    new Violation("(document)", null, "must be a JSON object"), Map.of());
        }
        if (!node.isObject()) {
            throw invalid(subject, "expected a JSON object, got " + JsonProblem.describe(node),
                    new Violation("(document)", null, "must be a JSON object"), Map.of());
        }
        return (ObjectNode) node;
    }

    static <T> T convert(ObjectNode node, String subject, Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            JsonProblem problem = JsonProblem.of(e, node, "body");
            throw invalid(subject, problem.message(), problem.violation(), Map.of("field", problem.violation().field()));
        }
    }

    /** A field the body must have; its absence is reported like any other problem. */
    static void require(ObjectNode node, String subject, String field) {
        if (!node.hasNonNull(field)) {
            throw invalid(subject, "missing field '" + field + "'", new Violation(field, null, "is required"),
                    Map.of("field", field));
        }
    }

    private static void requireJsonContentType(Context ctx) {
        String type = ctx.contentType();
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            throw new HttpFailure(415, "unsupported-media-type", "the body must be JSON sent with 'Content-Type: "
                    + "application/json', not " + (type == null ? "no Content-Type" : "'" + type + "'"));
        }
    }

    private static StatekeeperException invalid(String subject, String problem, Violation violation,
                                                Map<String, Object> details) {
        return new StatekeeperException(ErrorCode.VALIDATION_FAILED, "invalid " + subject + " JSON: " + problem,
                List.of(violation), details, null);
    }
}
