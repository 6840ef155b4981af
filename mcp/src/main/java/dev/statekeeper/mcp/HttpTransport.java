package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * MCP's streamable HTTP transport as a servlet, in place of the SDK's, which answers bad requests with serialized
 * Java exceptions (stack traces and all), drops some requests without an answer, accepts any protocol version and
 * never reclaims a session or the stream of a client that went away. Here:
 * <ul>
 *   <li>every refusal is a small JSON-RPC error ({@link McpHttpErrors}) with the right status: 200 for a request
 *       with an id that {@link JsonRpcFrame} refuses (its answer is the JSON-RPC error; a 400 would make the SDK
 *       clients drop their session), 400 for a message without one or an unsupported MCP-Protocol-Version, 403 for a browser's Origin, 404 for an
 *       unknown session, 405, 406 for an Accept without JSON and event streams, 413, 415, 503 while stopping;</li>
 *   <li>every request gets an answer, even when the SDK fails to give one;</li>
 *   <li>sessions are bounded ({@link HttpSessions}) and open event streams carry a keep-alive comment every
 *       {@code keepAlive}, so the stream of a client that exited is closed within about two of them.</li>
 * </ul>
 */
final class HttpTransport extends HttpServlet implements McpStreamableServerTransportProvider {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final List<String> VERSIONS = List.of(ProtocolVersions.MCP_2025_03_26,
            ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    private final transient HttpSessions sessions;
    private final int maxBody;
    private final transient ScheduledExecutorService timer;
    private transient McpStreamableServerSession.Factory factory;
    private transient Function<McpSchema.JSONRPCRequest, JsonRpcFrame.Refusal> screen = request -> null;
    private final transient List<AutoCloseable> stopping = new CopyOnWriteArrayList<>();
    private final transient Object streams = new Object();
    private volatile boolean closing;

    HttpTransport(Clock clock, Duration idle, int maxSessions, Duration keepAlive, int maxBody) {
        this.sessions = new HttpSessions(clock, idle, maxSessions);
        this.maxBody = maxBody;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "statekeeper-mcp-sessions");
            thread.setDaemon(true);
            return thread;
        });
        long every = keepAlive.toMillis();
        timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** Checks each request before the SDK takes it: a refusal is the request's answer (a bad subscription's). */
    void screen(Function<McpSchema.JSONRPCRequest, JsonRpcFrame.Refusal> check) {
        this.screen = check;
    }

    /** Closes this too when the transport closes (the follower of the store's events). */
    void closeWith(AutoCloseable resource) {
        stopping.add(resource);
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.factory = sessionFactory;
    }

    /** Streamable HTTP exists from 2025-03-26 on (2024-11-05 had the older HTTP+SSE transport); newest last. */
    @Override
    public List<String> protocolVersions() {
        return VERSIONS;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        try {
            Refused.check(closing, req, protocolVersions());
            switch (req.getMethod()) {
                case "POST" -> post(req, res);
                case "GET" -> listen(req, res);
                case "DELETE" -> delete(req, res);
                default -> throw Refused.methodNotAllowed(req.getMethod());
            }
        } catch (Refused refused) {
            refused.write(res);
        }
    }

    private void post(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Refused.requireJson(req);
        Refused.requireAccept(req, "application/json", "text/event-stream");
        JsonRpcFrame.Read read = JsonRpcFrame.read(Refused.body(req, maxBody));
        if (read instanceof JsonRpcFrame.Refusal refusal) {
            throw Refused.of(refusal);
        }
        McpSchema.JSONRPCMessage message = ((JsonRpcFrame.Message) read).message();
        if (message instanceof McpSchema.JSONRPCRequest request && request.method().equals(McpSchema.METHOD_INITIALIZE)) {
            initialize(request, res);
            return;
        }
        HttpSessions.Entry entry = session(req, message instanceof McpSchema.JSONRPCRequest r ? r.id() : null);
        try {
            // a tool call tags its thread with the request's JSON-RPC id (Tools.requestId)
            McpTransportContext context = McpTransportContext.create(message instanceof McpSchema.JSONRPCRequest r
                    && r.id() != null ? Map.of(Tools.JSONRPC_ID, r.id()) : Map.of());
            switch (message) {
                case McpSchema.JSONRPCRequest request -> {
                    JsonRpcFrame.Refusal refusal = screen.apply(request);
                    if (refusal != null) {
                        throw Refused.of(refusal);
                    }
                    answer(entry, request, req, res, context);
                }
                case McpSchema.JSONRPCNotification notification -> {
                    entry.session.accept(notification).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
                    res.setStatus(202);
                }
                case McpSchema.JSONRPCResponse response -> {
                    entry.session.accept(response).onErrorResume(e -> Mono.empty()).block();
                    res.setStatus(202);
                }
                default -> throw new IllegalStateException("unknown message " + message);
            }
        } finally {
            sessions.done(entry);
        }
    }

    private void initialize(McpSchema.JSONRPCRequest request, HttpServletResponse res) throws IOException {
        McpSchema.InitializeRequest params = StatekeeperMcp.JSON.convertValue(
                request.params() == null ? Map.of() : request.params(), McpSchema.InitializeRequest.class);
        McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(params);
        if (!sessions.add(init.session())) {
            throw Refused.busy(request.id());
        }
        McpSchema.InitializeResult result = init.initResult().block();
        byte[] body = StatekeeperMcp.JSON.writeValueAsBytes(McpSchema.JSONRPCResponse.result(request.id(), result));
        res.setStatus(200);
        res.setContentType("application/json");
        res.setHeader(HttpHeaders.MCP_SESSION_ID, init.session().getId());
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** Runs the request on this thread; its answer (and any message before it) goes out as an event stream. */
    private void answer(HttpSessions.Entry entry, McpSchema.JSONRPCRequest request, HttpServletRequest req,
                        HttpServletResponse res, McpTransportContext context) throws IOException {
        SseStream stream = SseStream.open(req, res, () -> { });
        try {
            entry.session.responseStream(stream).handle(request)
                    .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        } catch (RuntimeException e) {
            LOG.error("MCP request {} ({}) failed", request.id(), request.method(), e);
        } finally {
            if (!stream.responded() && !stream.isClosed()) {
                stream.sendMessage(McpSchema.JSONRPCResponse.error(request.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                        ErrorCodes.INTERNAL_ERROR, "Internal error: the request failed in the server; its log says why",
                        null))).block();
            }
            stream.close();
        }
    }

    private void listen(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Refused.requireAccept(req, "text/event-stream");
        HttpSessions.Entry entry = session(req, null);
        try {
            SseStream[] opened = new SseStream[1];
            opened[0] = SseStream.open(req, res, () -> {
                if (entry.stream == opened[0]) { // the client went away: the session stays, without a stream
                    entry.stream = null;
                    entry.session.releaseListeningStream();
                }
            });
            SseStream previous = entry.stream;
            entry.stream = opened[0];
            entry.session.listeningStream(opened[0]);
            if (previous != null) {
                previous.close(); // one stream for server messages per session: the newest
            }
            synchronized (streams) {
                streams.notifyAll();
            }
        } finally {
            sessions.done(entry);
        }
    }

    private void delete(HttpServletRequest req, HttpServletResponse res) {
        String id = Refused.sessionId(req, null);
        HttpSessions.Entry entry = sessions.remove(id);
        if (entry == null) {
            throw Refused.noSession(id, null);
        }
        SseStream open = entry.stream;
        if (open != null) {
            open.close();
        }
        entry.session.delete().onErrorResume(e -> Mono.empty()).block();
        res.setStatus(204);
    }

    private HttpSessions.Entry session(HttpServletRequest req, Object requestId) {
        JsonNode id = requestId == null ? null : StatekeeperMcp.JSON.convertValue(requestId, JsonNode.class);
        String sessionId = Refused.sessionId(req, id);
        HttpSessions.Entry entry = sessions.use(sessionId);
        if (entry == null) {
            throw Refused.noSession(sessionId, id);
        }
        return entry;
    }

    /** Keep-alives on the open streams (a dead client's stream fails and closes), then idle sessions go. */
    private void sweep() {
        try {
            for (HttpSessions.Entry entry : sessions.all()) {
                SseStream open = entry.stream;
                if (open != null && !open.keepAlive()) {
                    entry.stream = null;
                }
            }
            sessions.expire();
        } catch (RuntimeException e) {
            LOG.warn("sweeping the MCP sessions failed: {}", e.toString());
        }
    }

    /**
     * Waits until at least {@code count} sessions have a stream open for server messages (tests: a notification sent
     * before a client's GET stream opened is lost, as MCP allows), or the time passes; whether they have.
     */
    boolean awaitListening(int count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (streams) {
            while (sessions.all().stream().filter(e -> e.stream != null && !e.stream.isClosed()).count() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(streams, left);
            }
            return true;
        }
    }

    /** Sessions open now (for tests and metrics). */
    int sessionCount() {
        return sessions.size();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.fromRunnable(() -> sessions.all().forEach(e -> e.session.sendNotification(method, params)
                .onErrorResume(err -> Mono.empty()).block()));
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return Mono.defer(() -> {
            HttpSessions.Entry entry = sessions.use(sessionId);
            if (entry == null) {
                return Mono.empty();
            }
            return entry.session.sendNotification(method, params).doFinally(s -> sessions.done(entry));
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closing = true;
            timer.shutdownNow();
            for (AutoCloseable resource : stopping) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed: {}", resource, e.toString());
                }
            }
            sessions.closeAll();
        });
    }

    @Override
    public void destroy() {
        closeGracefully().block();
        super.destroy();
    }
}
