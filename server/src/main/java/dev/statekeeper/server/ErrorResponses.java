package dev.statekeeper.server;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns every failure into an RFC 9457 problem ({@link ApiError}) with the right status: a StatekeeperException gets its
 * code's HTTP status (STALE_VERSION: 412, see {@link #status}), a failure of the HTTP layer its own, anything
 * else 500 with the request id to report (the stack trace goes to the log, never to the client).
 */
final class ErrorResponses {
    static final String CODE_ATTRIBUTE = "statekeeper.errorCode";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    /**
     * The 503s that pass with time, and the seconds a client waits before it retries (Retry-After): a writer's lock
     * is let go in moments, a database server restarts in seconds. The others (a read-only or unopenable store, a
     * closed one, a write whose outcome is unknown, the doctor's findings) need someone to act, not a retry.
     */
    static final Map<ErrorCode, Integer> RETRY_AFTER = Map.of(ErrorCode.DATABASE_BUSY, 1,
            ErrorCode.BACKEND_UNAVAILABLE, 5);

    private final Metrics metrics;
    private final int maxBodyBytes;

    ErrorResponses(Metrics metrics, int maxBodyBytes) {
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(RoutesConfig routes) {
        routes.exception(StatekeeperException.class, this::store);
        routes.exception(HttpFailure.class, (e, ctx) -> {
            if (e.retryAfter() != null) {
                ctx.header("Retry-After", e.retryAfter());
            }
            write(ctx, e.status(), e.code(), e.getMessage(), e.details());
        });
        routes.exception(HttpResponseException.class, this::javalin);
        routes.exception(Exception.class, (e, ctx) -> internal(ctx, e));
    }

    /**
     * The status of a store failure. STALE_VERSION is 412 Precondition Failed rather than the code's 409: over
     * HTTP an expected version can only come from an If-Match header, and RFC 9110 answers a false If-Match
     * with 412. Every other code keeps its own status.
     */
    static int status(ErrorCode code) {
        return code == ErrorCode.STALE_VERSION ? 412 : code.httpStatus();
    }

    private void store(StatekeeperException e, Context ctx) {
        if (e.code() == ErrorCode.INTERNAL) {
            internal(ctx, e);
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        if (!e.violations().isEmpty()) {
            details.put("violations", e.violations());
        }
        Integer retryAfter = RETRY_AFTER.get(e.code());
        if (retryAfter != null) {
            ctx.header("Retry-After", retryAfter.toString());
        }
        write(ctx, status(e.code()), e.code().wire(), e.getMessage(), details);
    }

    private void javalin(HttpResponseException e, Context ctx) {
        switch (e.getStatus()) {
            case 404 -> write(ctx, 404, "route-not-found", "no route " + ctx.method() + " " + ctx.path()
                    + "; the routes are listed in the README (HTTP server)", Map.of());
            case 405 -> {
                String allowed = String.join(", ", e.getDetails().values());
                ctx.header("Allow", allowed);
                write(ctx, 405, "method-not-allowed", ctx.method() + " is not allowed on " + ctx.path()
                        + " (allowed: " + allowed + ")", Map.of("allowed", allowed));
            }
            case 413 -> {
                HttpFailure tooLarge = HttpFailure.tooLarge(-1, maxBodyBytes);
                write(ctx, 413, tooLarge.code(), tooLarge.getMessage(), tooLarge.details());
            }
            default -> write(ctx, e.getStatus(), "http-" + e.getStatus(),
                    e.getMessage().isBlank() ? HttpStatus.forStatus(e.getStatus()).getMessage() : e.getMessage(), Map.of());
        }
    }

    private void internal(Context ctx, Exception e) {
        String id = RequestLog.id(ctx);
        LOG.error("request {} failed: {} {}", id, ctx.method(), ctx.path(), e);
        write(ctx, 500, ErrorCode.INTERNAL.wire(), "internal error (a bug in Statekeeper): report it with request id "
                + id, Map.of("requestId", id));
    }

    private void write(Context ctx, int status, String code, String message, Map<String, Object> details) {
        ctx.attribute(CODE_ATTRIBUTE, code);
        metrics.error(code);
        ctx.status(status).contentType(ApiError.MEDIA_TYPE)
                .result(Json.write(ApiError.body(status, code, message, details, ctx.req().getRequestURI())));
    }
}
