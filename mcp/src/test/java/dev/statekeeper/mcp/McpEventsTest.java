package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.testkit.Fixtures;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import io.modelcontextprotocol.spec.McpSchema.UnsubscribeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The change history over MCP, through Java SDK clients over streamable HTTP on a memory store: the origin of
 * writes, list_events, wait_for_loop, and resource subscriptions with their notifications.
 */
class McpEventsTest {
    static final String FIX = "\nfix: correct the named fields and retry";
    @RegisterExtension
    static final JettyMcp.PerClass MCP = JettyMcp.memory();

    /** A second client, named as given, whose resource updates go to the queue (their URIs). */
    static McpSyncClient client(String name, BlockingQueue<String> updates) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(MCP.mcp().baseUri())
                        .endpoint(StatekeeperMcp.ENDPOINT).build())
                .clientInfo(Implementation.builder(name, "1.0").build())
                .resourcesUpdateConsumer(contents -> contents.stream().map(ResourceContents::uri).forEach(updates::add))
                .requestTimeout(Duration.ofSeconds(120)).build();
        client.initialize();
        return client;
    }

    static String loop(String project) {
        return MCP.mcp().store.createLoop(NewLoop.of(project, LoopType.BUILD_CODE)).id();
    }

    static CriticFeedback feedback(int score) {
        return CriticFeedback.builder().criticAgent("critic").overallScore(score).assessmentSummary("s").build();
    }

    @Test
    void aWriteThroughMcpRecordsViaMcpAndTheClientsName() {
        McpSyncClient agent = client("  critic-bot\u0007 ", new LinkedBlockingQueue<>());
        try {
            String id = new ToolClient(agent).ok("initialize_refinement_loop", "project", "origin", "type", "spec")
                    .get("id").asText();
            List<StoreEvent> events = MCP.mcp().store.events().read(EventQuery.all().withEntity("loop:" + id)).events();
            assertThat(events).hasSize(1);
            assertThat(events.getFirst().via()).isEqualTo(Via.MCP);
            assertThat(events.getFirst().actor()).isEqualTo("critic-bot?");
            assertThat(events.getFirst().requestId()).endsWith(":initialize_refinement_loop");

            JsonNode listed = MCP.tools().ok("list_events", "entity", "loop:" + id);
            assertThat(listed.at("/items/0/operation").asText()).isEqualTo("loop.created");
            assertThat(listed.at("/items/0/via").asText()).isEqualTo("mcp");
            assertThat(listed.at("/items/0/actor").asText()).isEqualTo("critic-bot?");
            assertThat(listed.at("/items/0/entity").asText()).isEqualTo("loop:" + id);
            assertThat(listed.at("/items/0/version").asLong()).isEqualTo(1);
        } finally {
            agent.closeGracefully();
        }
    }

    @Test
    void listEventsPagesOldestFirstAndFilters() {
        String id = loop("paging");
        for (int i = 0; i < 4; i++) {
            MCP.mcp().store.addFeedback(id, feedback(40 + i));
        }
        loop("paging-other");
        JsonNode first = MCP.tools().ok("list_events", "project", "paging", "limit", 2);
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.at("/items/0/operation").asText()).isEqualTo("loop.created");
        assertThat(first.at("/items/1/operation").asText()).isEqualTo("loop.feedback_added");
        assertThat(first.get("lastSequence").asLong()).isEqualTo(MCP.mcp().store.events().lastSequence());
        long[] sequences = new long[5];
        List<JsonNode> all = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.get("items").forEach(all::add);
            if (page.get("nextCursor").isNull()) {
                break;
            }
            page = MCP.tools().ok("list_events", "project", "paging", "limit", 2, "cursor", page.get("nextCursor").asText());
        }
        assertThat(all).hasSize(5);
        for (int i = 0; i < 5; i++) {
            sequences[i] = all.get(i).get("sequence").asLong();
            assertThat(all.get(i).get("entityId").asText()).isEqualTo(id);
        }
        assertThat(sequences).isSorted();
        assertThat(all.get(4).at("/summary").isObject()).isTrue();

        JsonNode ofLoop = MCP.tools().ok("list_events", "entity", "loop:" + id, "after", sequences[2]);
        assertThat(ofLoop.get("items")).extracting(n -> n.get("sequence").asLong())
                .containsExactly(sequences[3], sequences[4]);
        assertThat(ofLoop.get("nextCursor").isNull()).isTrue();
        JsonNode none = MCP.tools().ok("list_events", "after", MCP.mcp().store.events().lastSequence());
        assertThat(none.get("items")).isEmpty();
        assertThat(MCP.tools().ok("list_events", "since", "2999-01-01T00:00:00Z", "project", "paging").get("items")).isEmpty();
        assertThat(MCP.tools().ok("list_events", "since", "2000-01-01T00:00:00Z", "project", "paging").get("items"))
                .hasSize(5);
    }

    @Test
    void listEventsRefusesHostileArguments() {
        long before = MCP.mcp().store.events().lastSequence();
        assertThat(MCP.tools().error("list_events", "limit", 1000)).isEqualTo("invalid events query: limit = '1000': "
                + "must be between 1 and 100" + FIX);
        assertThat(MCP.tools().error("list_events", "limit", 0)).isEqualTo("invalid events query: limit = '0': "
                + "must be between 1 and 100" + FIX);
        assertThat(MCP.tools().error("list_events", "limit", "5")).isEqualTo("invalid arguments of list_events: "
                + "wrong type for 'limit': expected a whole number, got the string \"5\"" + FIX);
        assertThat(MCP.tools().error("list_events", "entity", "nope:1")).isEqualTo("invalid events query: entity = "
                + "'nope:1': must be KIND or KIND:ID with KIND one of loop, spec, roadmap, plan, session, such as "
                + "loop:3f2a..." + FIX);
        McpError nul = catchThrowableOfType(McpError.class, () -> MCP.tools().call("list_events", "entity", "loop:a\u0000b"));
        assertThat(nul.getJsonRpcError().code()).isEqualTo(-32602);
        assertThat(nul.getJsonRpcError().message()).isEqualTo("Invalid params: bad value in 'params.arguments.entity': "
                + "\"loop:a\\u0000b\" holds the NUL character (\\u0000), which no backend can store");
        assertThat(MCP.tools().ok("list_events", "entity", "loop:a\u0007b", "project", "p\u001b").get("items"))
                .as("control characters match no record").isEmpty();
        assertThat(MCP.tools().error("list_events", "entity", "x".repeat(2000))).startsWith("invalid events query: entity = ");
        assertThat(MCP.tools().error("list_events", "since", "yesterday\u0007")).isEqualTo("invalid events query: since = "
                + "'yesterday\u0007': must be an ISO-8601 instant such as 2026-01-31T12:00:00Z" + FIX);
        assertThat(MCP.tools().error("list_events", "cursor", "b2Zmc2V0OjI")).isEqualTo("invalid cursor: cursor = "
                + "'b2Zmc2V0OjI': is not a cursor this server gave; pass a nextCursor unchanged, or none for the "
                + "first page" + FIX);
        assertThat(MCP.tools().error("list_events", "cursor", EventTools.cursor(1), "after", 1)).isEqualTo("invalid events "
                + "query: after = '1': cannot be given with cursor; pass one of them" + FIX);
        assertThat(MCP.tools().error("list_events", "after", -1)).isEqualTo("invalid events query: after = -1: must be "
                + ">= 0" + FIX);
        assertThat(MCP.tools().error("list_events", "kind", "loop")).isEqualTo("invalid arguments of list_events: unknown "
                + "field 'kind' (known fields: after, cursor, entity, limit, project, since)" + FIX);
        assertThat(MCP.mcp().store.events().lastSequence()).as("nothing was written").isEqualTo(before);
    }

    @Test
    void waitForLoopEndsWhenAnotherSessionWritesAndOtherSessionsGoOnMeanwhile() throws Exception {
        String id = loop("waiting");
        McpSyncClient waiter = client("waiter", new LinkedBlockingQueue<>());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // not the common pool: the SDK client finishes its requests there, and it may have one thread
            CompletableFuture<JsonNode> waited = CompletableFuture.supplyAsync(() -> new ToolClient(waiter)
                    .ok("wait_for_loop", "loopId", id, "version", 1, "timeoutSeconds", 300), threads);
            CompletableFuture<JsonNode> status = CompletableFuture.supplyAsync(() -> new ToolClient(waiter)
                    .ok("wait_for_loop", "loopId", id, "untilStatus", "in_progress", "timeoutSeconds", 300), threads);
            // another session's calls are answered while two waits hold theirs
            assertThat(MCP.tools().ok("get_loop_status", "loopId", id).at("/loop/version").asLong()).isEqualTo(1);
            assertThat(waited).isNotDone();
            MCP.tools().ok("store_critic_feedback", "loopId", id, "criticAgent", "c", "overallScore", 50,
                    "assessmentSummary", "s");
            JsonNode result = waited.get(60, TimeUnit.SECONDS);
            assertThat(result.get("reached").asBoolean()).isTrue();
            assertThat(result.at("/loop/version").asLong()).isEqualTo(2);
            assertThat(result.at("/loop/id").asText()).isEqualTo(id);
            assertThat(result.get("loop").has("feedback")).as("the summary, not the feedback").isFalse();
            assertThat(status.get(60, TimeUnit.SECONDS).at("/loop/status").asText()).isEqualTo("in_progress");
        } finally {
            threads.shutdownNow();
            waiter.closeGracefully();
        }
    }

    @Test
    void waitForLoopTimesOutAndRefusesBadArguments() {
        String id = loop("timeout");
        JsonNode timedOut = MCP.tools().ok("wait_for_loop", "loopId", id, "untilStatus", "completed", "timeoutSeconds", 1);
        assertThat(timedOut.get("reached").asBoolean()).isFalse();
        assertThat(timedOut.at("/loop/status").asText()).isEqualTo("initialized");
        assertThat(MCP.tools().ok("wait_for_loop", "loopId", id, "version", 0).get("reached").asBoolean()).isTrue();

        assertThat(MCP.tools().error("wait_for_loop", "loopId", "nope1234", "version", 1))
                .isEqualTo("loop 'nope1234' not found\nfix: call list_loops (with project=P to narrow it) to find "
                        + "the loop's id");
        assertThat(MCP.tools().error("wait_for_loop", "loopId", id)).isEqualTo("invalid wait: version = (missing): give "
                + "either version or untilStatus, not neither" + FIX);
        assertThat(MCP.tools().error("wait_for_loop", "loopId", id, "version", 1, "untilStatus", "refine"))
                .isEqualTo("invalid wait: version = '1': give either version or untilStatus, not both" + FIX);
        assertThat(MCP.tools().error("wait_for_loop", "loopId", id, "version", 1, "timeoutSeconds", 301))
                .isEqualTo("invalid wait: timeoutSeconds = '301': must be between 1 and 300" + FIX);
        assertThat(MCP.tools().error("wait_for_loop", "loopId", id, "untilStatus", "done\u0007")).isEqualTo("invalid "
                + "arguments of wait_for_loop: bad value for 'untilStatus': the string \"done\\u0007\" must be one of "
                + "initialized, in_progress, completed, user_input, refine" + FIX);
        assertThat(MCP.tools().error("wait_for_loop", "loopId", id, "version", "1")).isEqualTo("invalid arguments of "
                + "wait_for_loop: wrong type for 'version': expected a whole number, got the string \"1\"" + FIX);
    }

    @Test
    void subscribersOfARecordAreNotifiedOfItsChangesAndNobodyElse() throws Exception {
        BlockingQueue<String> updates = new LinkedBlockingQueue<>();
        BlockingQueue<String> others = new LinkedBlockingQueue<>();
        McpSyncClient subscriber = client("subscriber", updates);
        McpSyncClient bystander = client("bystander", others);
        try {
            assertThat(((HttpTransport) MCP.mcp().servlet).awaitListening(3, Duration.ofSeconds(30)))
                    .as("the clients opened their streams for server messages").isTrue();
            String id = loop("subscribed");
            String loopUri = "statekeeper://loops/" + id;
            MCP.mcp().store.putSpec("subscribed", Fixtures.spec("Event feed"));
            String specUri = "statekeeper://specs/subscribed/event-feed";
            subscriber.subscribeResource(SubscribeRequest.builder(loopUri).build());
            subscriber.subscribeResource(SubscribeRequest.builder(specUri).build());

            MCP.mcp().store.addFeedback(id, feedback(60)); // as another process would: straight into the store
            assertThat(updates.poll(30, TimeUnit.SECONDS)).isEqualTo(loopUri);
            new ToolClient(bystander).ok("store_critic_feedback", "loopId", id, "criticAgent", "c",
                    "overallScore", 61, "assessmentSummary", "s");
            assertThat(updates.poll(30, TimeUnit.SECONDS)).isEqualTo(loopUri);

            subscriber.unsubscribeResource(UnsubscribeRequest.builder(loopUri).build());
            MCP.mcp().store.addFeedback(id, feedback(62));
            new ToolClient(bystander).ok("update_spec", "project", "subscribed", "name", "event-feed",
                    "spec", java.util.Map.of("architecture", "a log"));
            assertThat(updates.poll(30, TimeUnit.SECONDS)).as("after the loop's change, unsubscribed")
                    .isEqualTo(specUri);
            assertThat(updates).isEmpty();
            assertThat(others).as("a session that did not subscribe").isEmpty();

            for (String uri : List.of("statekeeper://loops/nope1234", "statekeeper://nothing/here",
                    "https://example.com/x", "statekeeper://loops/a/b", "statekeeper://loops/\u0007")) {
                McpError refused = catchThrowableOfType(McpError.class,
                        () -> subscriber.subscribeResource(SubscribeRequest.builder(uri).build()));
                assertThat(refused).as(uri).isNotNull();
                assertThat(refused.getJsonRpcError().code()).as(uri).isEqualTo(-32002);
                assertThat(refused.getJsonRpcError().message()).as(uri).isEqualTo("Resource not found");
            }
            subscriber.subscribeResource(SubscribeRequest.builder("statekeeper://loops").build());
            loop("subscribed-new");
            assertThat(updates.poll(30, TimeUnit.SECONDS)).isEqualTo("statekeeper://loops");
            // checked again once every later notification reached the subscriber (streams of two sessions are not
            // ordered with each other, so one look right after a notification could come too early)
            assertThat(others).as("a session that did not subscribe, in the end").isEmpty();
        } finally {
            subscriber.closeGracefully();
            bystander.closeGracefully();
        }
    }

    @Test
    void theUrisOfAnEventAreThoseTheResourcesRead() {
        Loop created = MCP.mcp().store.createLoop(NewLoop.of("uris", LoopType.SPEC));
        StoreEvent loopEvent = MCP.mcp().store.events().read(EventQuery.all().withEntity("loop:" + created.id()))
                .events().getFirst();
        assertThat(ResourceUpdates.uris(loopEvent)).containsExactly("statekeeper://loops/" + created.id(),
                "statekeeper://loops");
        MCP.mcp().store.putSpec("my project", Fixtures.spec("Odd names"));
        StoreEvent specEvent = MCP.mcp().store.events().read(EventQuery.all().withProject("my project")).events()
                .getFirst();
        assertThat(ResourceUpdates.uris(specEvent)).containsExactly("statekeeper://specs/my%20project/odd-names",
                "statekeeper://specs/my project/odd-names", "statekeeper://specs/my%20project/odd-names/revisions",
                "statekeeper://specs/my project/odd-names/revisions");
    }
}
