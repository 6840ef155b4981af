package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Resource subscriptions ({@code resources/subscribe}): the SDK keeps who subscribed to which URI, per session, and
 * forgets a session's subscriptions when it ends; this follows the store's {@link EventLog} on one thread per server
 * and turns each committed change, from this process or another one, into {@code notifications/resources/updated}
 * for the URIs of {@link McpResources} that show the changed record. A subscription to a URI that names no record is
 * refused before the SDK sees it ({@link #refusal}): the SDK would accept any text.
 */
final class ResourceUpdates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceUpdates.class);
    /** How long one wait for the next event lasts before the follower checks whether it should stop. */
    private static final Duration POLL = Duration.ofSeconds(30);
    /** How long the follower waits after a failure of the store (a lost database) before it reads again. */
    private static final Duration BACK_OFF = Duration.ofSeconds(1);

    private final Thread thread;
    private volatile boolean closed;

    private ResourceUpdates(EventLog events, Consumer<String> notify) {
        thread = new Thread(() -> follow(events, notify), "statekeeper-mcp-resource-updates");
        thread.setDaemon(true);
    }


    /** Starts following the store's events from now on, calling {@code notify} with each URI a change updates. */
    static ResourceUpdates start(StateStore store, Consumer<String> notify) {
        ResourceUpdates updates = new ResourceUpdates(store.events(), notify);
        updates.thread.start();
        return updates;
    }

    private void follow(EventLog events, Consumer<String> notify) {
        long seen = -1;
        while (!closed) {
            try {
                if (seen < 0) {
                    seen = events.lastSequence();
                }
                long last = events.awaitAfter(seen, POLL);
                while (last > seen && !closed) {
                    EventQuery query = EventQuery.all().withAfter(seen).withLimit(EventQuery.MAX_LIMIT);
                    EventBatch batch = events.read(query);
                    Set<String> uris = new LinkedHashSet<>();
                    batch.events().forEach(e -> uris.addAll(uris(e)));
                    seen = batch.events().isEmpty() ? last : batch.next(query);
                    uris.forEach(uri -> notifySafely(notify, uri));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("following the store's events for resource subscriptions failed: {}", e.toString());
                try {
                    Thread.sleep(BACK_OFF);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private static void notifySafely(Consumer<String> notify, String uri) {
        try {
            notify.accept(uri);
        } catch (RuntimeException e) {
            LOG.debug("notifying the subscribers of {} failed: {}", uri, e.toString());
        }
    }

    /** Stops following (the server stops). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /**
     * The resource URIs that show the record an event changed: a loop's and the active loops'; a spec's and its
     * revisions'; a roadmap's, a plan's, a session's. Each value is given percent-encoded (as RFC 3986 has it, a
     * space as %20) and, where that differs and the value can stand in a URI as it is, raw too: the SDK matches a
     * subscription's URI as the client wrote it.
     */
    static List<String> uris(StoreEvent event) {
        String id = event.entityId();
        return switch (event.kind()) {
            case LOOP -> forms("loops/", List.of(id), "", McpResources.ACTIVE_LOOPS);
            case SPEC -> {
                String project = event.project();
                List<String> parts = project != null && id.startsWith(project + "/")
                        ? List.of(project, id.substring(project.length() + 1)) : List.of(id);
                List<String> spec = forms("specs/", parts, "", null);
                List<String> revisions = forms("specs/", parts, "/revisions", null);
                List<String> all = new java.util.ArrayList<>(spec);
                all.addAll(revisions);
                yield List.copyOf(all);
            }
            case ROADMAP -> forms("roadmaps/", List.of(id), "", null);
            case PLAN -> forms("plans/", List.of(id), "", null);
            case SESSION -> forms("sessions/", List.of(id), "", null);
        };
    }

    private static List<String> forms(String prefix, List<String> values, String suffix, String also) {
        Set<String> uris = new LinkedHashSet<>();
        uris.add(McpResources.SCHEME + prefix + String.join("/", values.stream().map(ResourceUpdates::encode)
                .toList()) + suffix);
        if (values.stream().noneMatch(v -> v.isEmpty() || v.matches(".*[/?#].*"))) {
            uris.add(McpResources.SCHEME + prefix + String.join("/", values) + suffix);
        }
        if (also != null) {
            uris.add(also);
        }
        return List.copyOf(uris);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The JSON-RPC error a {@code resources/subscribe} request deserves before the SDK takes it, or null to let it
     * through: invalid params (-32602) without a {@code uri} string; resource not found (-32002, as
     * {@code resources/read} answers) for a URI that names no record or a record that is not there.
     */
    static JsonRpcFrame.Refusal refusal(StateStore store, McpSchema.JSONRPCRequest request) {
        if (!McpSchema.METHOD_RESOURCES_SUBSCRIBE.equals(request.method())) {
            return null;
        }
        JsonNode id = StatekeeperMcp.JSON.convertValue(request.id(), JsonNode.class);
        Object uri = request.params() instanceof Map<?, ?> params ? params.get("uri") : null;
        if (!(uri instanceof String text)) {
            return new JsonRpcFrame.Refusal(id, ErrorCodes.INVALID_PARAMS,
                    "Invalid params: resources/subscribe needs the resource's uri, a string");
        }
        try {
            McpResources.requireReadable(store, text);
            return null;
        } catch (McpError e) {
            return new JsonRpcFrame.Refusal(id, e.getJsonRpcError().code(), e.getJsonRpcError().message());
        }
    }
}
