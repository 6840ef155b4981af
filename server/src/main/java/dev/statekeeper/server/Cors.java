package dev.statekeeper.server;

import io.javalin.http.Context;

import java.util.Locale;
import java.util.Set;

/**
 * CORS for the pages of {@code STATEKEEPER_CORS_ORIGINS} (none by default), on {@code /api/v1} only: a request whose
 * {@code Origin} is listed gets {@code Access-Control-Allow-Origin} with that origin and the headers it may read; a
 * preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from a listed origin is answered 204 with the
 * methods and headers the API takes, before the token is asked for (a browser sends none with it). Any other origin
 * gets no CORS header, so its page cannot read the answer (and, without a token, is refused: {@link Guard}).
 */
final class Cors {
    static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
    static final String HEADERS = "Authorization, Content-Type, If-Match, Idempotency-Key, X-Request-Id, "
            + "X-Statekeeper-Actor, Last-Event-ID";
    static final String EXPOSED = "ETag, Link, Location, Retry-After, X-Request-Id, Idempotent-Replayed, "
            + "Statekeeper-Wait";
    static final int MAX_AGE_SECONDS = 600;
    private static final String PREFLIGHT = "statekeeper.corsPreflight";

    private final Set<String> origins;

    Cors(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** Adds the CORS headers for a listed origin; answers its preflight (marked, so the guard lets it by). */
    void handle(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origins.isEmpty() || !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
        if (ctx.method().name().equals("OPTIONS") && ctx.header("Access-Control-Request-Method") != null) {
            ctx.attribute(PREFLIGHT, true);
            ctx.header("Access-Control-Allow-Methods", METHODS).header("Access-Control-Allow-Headers", HEADERS)
                    .header("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS)).status(204);
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
    }

    /** Whether the request is a preflight this answered. */
    static boolean preflight(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(PREFLIGHT));
    }
}
