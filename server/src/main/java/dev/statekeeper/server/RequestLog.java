package dev.statekeeper.server;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is a sane one, else a new one), returns it
 * as {@code X-Request-Id}, and when the response is complete logs one line for it on
 * {@link StatekeeperServer#REQUEST_LOGGER} and records it in the metrics under its route template:
 * {@code request id=ID method=GET route=/api/v1/loops/{id} path=/api/v1/loops/ab12cd34 status=200 ms=1.25 error=-}.
 * Every value is a single token without spaces (paths stay percent-encoded), so the line splits on spaces and '='.
 * Headers, query strings and bodies are never logged, so neither is a token.
 */
final class RequestLog {
    static final String HEADER = "X-Request-Id";
    private static final String ID_ATTRIBUTE = "statekeeper.requestId";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(StatekeeperServer.REQUEST_LOGGER);

    private final Metrics metrics;

    RequestLog(Metrics metrics) {
        this.metrics = metrics;
    }

    /** The id of a request that sent this X-Request-Id (or none): the client's when it is sane, else a new one. */
    static String newId(String header) {
        return header != null && CLIENT_ID.matcher(header).matches() ? header
                : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    void begin(Context ctx) {
        String id = newId(ctx.header(HEADER));
        ctx.attribute(ID_ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    void end(Context ctx, float millis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null || endpoint.path.isEmpty() ? "unmatched" : endpoint.path;
        record(id(ctx), ctx.method().name(), route, ctx.path(), ctx.statusCode(), (long) (millis * 1_000_000),
                ctx.attribute(ErrorResponses.CODE_ATTRIBUTE));
    }

    /** Meters one finished request and logs its line; {@code error} is the error code answered, or null. */
    void record(String id, String method, String route, String path, int status, long nanos, String error) {
        metrics.request(method, route, status, nanos);
        if (LOG.isInfoEnabled()) {
            LOG.info(line(id, method, route, path, status, nanos, error));
        }
    }

    static String line(String id, String method, String route, String path, int status, long nanos, String error) {
        return "request id=" + id + " method=" + method + " route=" + route + " path=" + path + " status=" + status
                + " ms=" + String.format(Locale.ROOT, "%.2f", nanos / 1e6) + " error=" + (error == null ? "-" : error);
    }

    static String id(Context ctx) {
        String id = ctx.attribute(ID_ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
