package dev.statekeeper.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of every error response, an RFC 9457 problem ({@value #MEDIA_TYPE}): {@code type} (the
 * {@link ProblemType#uri() URI of its code}, {@code about:blank} for a bare HTTP status), {@code title} (the code's
 * cause), {@code status}, {@code detail} (what went wrong this time) and {@code instance} (the request's path), with
 * the extensions {@code code} (the stable code clients switch on), {@code fix} (what to do: the CLI's), {@code
 * violations} (each broken field, for a validation failure), {@code message} (the detail again, as clients read it
 * before problem details) and {@code details} (the facts of the failure, as before).
 */
final class ApiError {
    static final String MEDIA_TYPE = "application/problem+json";

    private ApiError() {
    }

    /** The problem for a failure; {@code instance} may be null. */
    static Map<String, Object> body(int status, String code, String message, Map<String, Object> details, String instance) {
        ProblemType type = ProblemType.of(code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type == null ? "about:blank" : type.uri());
        body.put("title", type == null ? ProblemType.reason(status) : type.title());
        body.put("status", status);
        body.put("detail", message);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", code);
        if (type != null) {
            body.put("fix", type.fix());
        }
        if (details.get("violations") != null) {
            body.put("violations", details.get("violations"));
        }
        body.put("message", message);
        body.put("details", new TreeMap<>(details));
        return body;
    }
}
