package dev.statekeeper.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.internal.json.JsonInput;
import dev.statekeeper.core.internal.json.JsonProblem;
import io.javalin.http.Context;

import java.util.Locale;

/**
 * A request body as a JSON object, read by {@link JsonInput} (a problem is a 400 VALIDATION_FAILED that names the
 * field, or line and column, before anything is written). A body must be sent as {@code application/json} (415
 * otherwise, and for a compressed body), which also keeps web pages from posting to a local server without a CORS
 * preflight.
 */
final class JsonBody {
    private JsonBody() {
    }

    static <T> T read(Context ctx, String subject, Class<T> type) {
        JsonInput input = JsonInput.body(subject);
        return input.convert(object(ctx, input), type);
    }

    /** The body as a JSON object, for a route that checks required fields before converting it. */
    static ObjectNode object(Context ctx, JsonInput input) {
        byte[] body = ctx.bodyAsBytes(); // cached by Javalin, at most STATEKEEPER_MAX_BODY_BYTES (else 413)
        if (body.length > 0) {
            requireJsonContentType(ctx);
        }
        return input.object(body);
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
}
