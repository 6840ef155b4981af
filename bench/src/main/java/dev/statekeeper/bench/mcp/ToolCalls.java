package dev.statekeeper.bench.mcp;

import dev.statekeeper.bench.Samples;
import dev.statekeeper.bench.http.Operation;
import dev.statekeeper.bench.http.Workload;
import dev.statekeeper.core.domain.CriticFeedback;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool calls of a run through one MCP client: a uniformly random prefilled loop for every call, and the same
 * feedback entry as the HTTP load driver's ({@link Workload}). A call that returns a tool error throws.
 */
final class ToolCalls {
    private final McpSyncClient client;
    private final Workload workload;

    private ToolCalls(McpSyncClient client, Workload workload) {
        this.client = client;
        this.workload = workload;
    }

    /**
     * Creates {@code loops} loops (projects {@code load-0} ... {@code load-19}) through the tools, each with
     * {@code feedbackPerLoop} entries of a few hundred bytes ({@link Samples#feedback}).
     */
    static ToolCalls prefill(McpSyncClient client, int loops, int feedbackPerLoop) {
        List<String> ids = new ArrayList<>(loops);
        for (int i = 0; i < loops; i++) {
            String id = (String) call(client, "initialize_refinement_loop",
                    Map.of("project", "load-" + i % 20, "type", "spec")).get("id");
            for (int f = 0; f < feedbackPerLoop; f++) {
                CriticFeedback sample = Samples.feedback(i + f);
                call(client, "store_critic_feedback", Map.of("loopId", id, "criticAgent", sample.criticAgent(),
                        "iteration", sample.iteration(), "overallScore", sample.overallScore(),
                        "assessmentSummary", sample.assessmentSummary(), "detailedFeedback", sample.detailedFeedback(),
                        "keyIssues", sample.keyIssues(), "recommendations", sample.recommendations()));
            }
            ids.add(id);
        }
        return new ToolCalls(client, new Workload(ids));
    }

    Operation of(Tool tool) {
        return switch (tool) {
            case GET_LOOP_STATUS -> () -> call(client, tool.toolName(), Map.of("loopId", workload.randomLoop()));
            case STORE_CRITIC_FEEDBACK -> () -> {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("loopId", workload.randomLoop());
                args.put("criticAgent", Workload.CRITIC);
                args.put("iteration", 1);
                args.put("overallScore", Workload.randomScore());
                args.put("assessmentSummary", Workload.SUMMARY);
                call(client, tool.toolName(), args);
            };
        };
    }

    /** The tool's structured result; throws when the call returned a tool error. */
    private static Map<String, Object> call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException(tool + " returned a tool error: " + result.content());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
        return structured;
    }
}
