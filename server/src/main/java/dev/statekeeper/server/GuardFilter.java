package dev.statekeeper.server;

import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.core.perf.RequestTag;
import dev.statekeeper.mcp.McpHttpErrors;
import dev.statekeeper.mcp.StatekeeperMcp;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Puts the API's guards and request log in front of a servlet mounted beside it (such as the MCP endpoint): the
 * bearer token when one is set, the local-only checks when none is, refusals as the same JSON errors as the API's
 * (on the MCP endpoint as JSON-RPC errors carrying the same code, see {@link McpHttpErrors}),
 * and one request-log line per request under the mount's path spec as route, written when the response is
 * complete (for an async response such as an event stream, when it ends). Open event streams are registered in
 * {@link EventStreams}, so stopping the server ends them; while it stops, new requests are refused with 503.
 */
final class GuardFilter extends HttpFilter {
    /** The seconds a client refused while the server stops waits before it retries (Retry-After). */
    static final int STOPPING_RETRY_AFTER = 5;
    private final transient Guard guard;
    private final transient RequestLog log;
    private final transient Metrics metrics;
    private final transient EventStreams streams;
    private final String route;

    GuardFilter(Guard guard, RequestLog log, Metrics metrics, EventStreams streams, String route) {
        this.guard = guard;
        this.log = log;
        this.metrics = metrics;
        this.streams = streams;
        this.route = route;
    }

    @Override
    @SuppressWarnings("try") // the request tag is opened for its effect on the thread
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        String id = RequestLog.newId(req.getHeader(RequestLog.HEADER));
        res.setHeader(RequestLog.HEADER, id);
        try {
            if (streams.closed()) {
                throw new HttpFailure(503, "server-stopping", "the server is stopping; retry once it is back",
                        Map.of("retryAfter", STOPPING_RETRY_AFTER));
            }
            guard.check(req.getHeader("Authorization"), req.getHeader("Origin"), req.getHeader("Host"), req.getRemoteAddr(),
                    req.getMethod(), req.getRequestURI());
        } catch (HttpFailure refused) {
            refuse(req, res, refused);
            log.record(id, req.getMethod(), route, req.getRequestURI(), refused.status(), System.nanoTime() - start,
                    refused.code());
            return;
        }
        boolean thrown = true;
        try (RequestTag tag = RequestTag.open(id)) { // a store operation of the servlet (MCP) records the request
            chain.doFilter(req, res);
            thrown = false;
        } finally {
            if (!thrown && req.isAsyncStarted()) {
                AsyncContext async = req.getAsyncContext();
                async.addListener(new Completion(() -> {
                    streams.ended(async);
                    log.record(id, req.getMethod(), route, req.getRequestURI(), res.getStatus(),
                            System.nanoTime() - start, null);
                }));
                if (req.getMethod().equals("GET")) {
                    streams.opened(async);
                }
            } else {
                log.record(id, req.getMethod(), route, req.getRequestURI(), thrown ? 500 : res.getStatus(),
                        System.nanoTime() - start, null);
            }
        }
    }

    private void refuse(HttpServletRequest req, HttpServletResponse res, HttpFailure refused) throws IOException {
        metrics.error(refused.code());
        if (refused.status() == 401) {
            res.setHeader("WWW-Authenticate", BearerAuth.challenge(req.getHeader("Authorization")));
        }
        if (refused.retryAfter() != null) {
            res.setHeader("Retry-After", refused.retryAfter());
        }
        if (route.equals(StatekeeperMcp.ENDPOINT)) { // MCP's one error shape: a JSON-RPC error with the API's code
            McpHttpErrors.write(res, refused.status(), McpHttpErrors.SERVER_ERROR, refused.code(), refused.getMessage(),
                    refused.details());
            return;
        }
        res.setStatus(refused.status());
        res.setContentType(ApiError.MEDIA_TYPE);
        res.getOutputStream().write(Json.write(ApiError.body(refused.status(), refused.code(), refused.getMessage(),
                refused.details(), req.getRequestURI())).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs once when an async response completes (normally, by timeout or by error). */
    private record Completion(Runnable onComplete) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            onComplete.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this); // a restarted async cycle drops its listeners
        }
    }
}
