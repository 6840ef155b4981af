package dev.statekeeper.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.json.Json;
import dev.statekeeper.core.json.JsonInputException;
import dev.statekeeper.core.json.JsonProblem;
import dev.statekeeper.core.json.StrictJson;
import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body into a domain record with Statekeeper's strict mapper. Any problem is a 400
 * VALIDATION_FAILED that names the field (or line and column), before anything is written: bytes that are not
 * UTF-8, malformed JSON, a lone surrogate or NUL in a string, unknown fields, wrong types, bad enum values. A body must be sent as {@code application/json} (415
 * otherwise, and for a compressed body), which also keeps web pages from posting to a local server without a CORS
 * preflight.
 */
final class JsonBody {
    private JsonBody() {
    }

    static <T> T read(Context ctx, String subject, Class<T> type) {
        return convert(object(ctx, subject), subject, type);
    }

    /** The body as a JSON object, read by {@link StrictJson} (UTF-8, valid Unicode, no NUL, bounded depth). */
    static ObjectNode object(Context ctx, String subject) {
        byte[] body = ctx.bodyAsBytes(); // cached by Javalin, at most STATEKEEPER_MAX_BODY_BYTES (else 413)
        if (body.length > 0) {
            requireJsonContentType(ctx);
        }
        JsonNode node;
        try {
            node = StrictJson.read(body);
        } catch (JsonInputException e) {
            throw invalid(subject, e.getMessage(), e.violation(), e.details());
        }
        if (node == null) {
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
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new HttpFailure(415, "unsupported-media-type", "the body must not be encoded (Content-Encoding "
                    + JsonProblem.quote(encoding) + "): send it as plain JSON");
        }
        String type = ctx.contentType();
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            throw new HttpFailure(415, "unsupported-media-type", "the body must be JSON sent with 'Content-Type: "
                    + "application/json', not " + (type == null ? "no Content-Type" : "'" + JsonProblem.printable(type) + "'"));
        }
    }

    private static StatekeeperException invalid(String subject, String problem, Violation violation,
                                                Map<String, Object> details) {
        return new StatekeeperException(ErrorCode.VALIDATION_FAILED, "invalid " + subject + " JSON: " + problem,
                List.of(violation), details, null);
    }
}
