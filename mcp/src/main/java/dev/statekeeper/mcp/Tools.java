package dev.statekeeper.mcp;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.core.perf.RequestTag;
import dev.statekeeper.doctor.DoctorRuns;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Every Statekeeper tool, and each as the SDK's tool specification bound to one store. */
final class Tools {
    static final List<ToolDef<?>> ALL = Stream.of(LoopTools.all(), SpecTools.all(), DocumentTools.all(),
            SessionTools.all(), ParityTools.all(), List.<ToolDef<?>>of(DoctorTool.definition(), PerfTool.definition(Clock.systemUTC())),
            EventTools.all())
            .flatMap(List::stream).toList();
    /** The key of the JSON-RPC request id in a call's transport context, where the transport knows it. */
    static final String JSONRPC_ID = "statekeeper.jsonrpcId";

    private Tools() {
    }

    /** Every tool bound to the store; {@code run_doctor} runs through {@code doctor}. */
    static List<SyncToolSpecification> specifications(StateStore store, DoctorRuns doctor) {
        return ALL.stream().map(tool -> tool.name().equals(DoctorTool.NAME) ? DoctorTool.specification(doctor)
                : specification(tool, store)).toList();
    }

    static Tool tool(ToolDef<?> def) {
        ToolDef.Effect effect = def.effect();
        // title, readOnly, destructive, idempotent, openWorld (only this store), returnDirect
        ToolAnnotations annotations = new ToolAnnotations(null, effect.readOnly, effect.destructive,
                effect.idempotent, false, null);
        return Tool.builder(def.name(), InputSchemas.of(def.arguments()))
                .title(def.title())
                .description(def.description())
                .outputSchema(OutputSchemas.of(def.result()))
                .annotations(annotations)
                .build();
    }

    private static <A extends Record> SyncToolSpecification specification(ToolDef<A> def, StateStore store) {
        return SyncToolSpecification.builder()
                .tool(tool(def))
                .callHandler((exchange, request) -> origin(exchange).call(() -> tagged(requestId(exchange, def.name()),
                        () -> ToolCall.run(def, store, request.arguments()))))
                .build();
    }

    /**
     * Where a call's writes come from, as their events record it: MCP, by the client that called, as it named itself
     * in {@code initialize} ({@code clientInfo.name}; cleaned by {@link Origin}; nobody when it gave none).
     */
    static Origin origin(McpSyncServerExchange exchange) {
        Implementation client = exchange == null ? null : exchange.getClientInfo();
        return Origin.of(Via.MCP, client == null ? null : client.name());
    }

    /** Runs a call with its thread tagged, so a slow store operation it runs records the request. */
    @SuppressWarnings("try") // the tag is opened for its effect on the thread
    static CallToolResult tagged(String requestId, Supplier<CallToolResult> call) {
        try (RequestTag tag = RequestTag.open(requestId)) {
            return call.get();
        }
    }

    /**
     * The request id of a tool call: {@code mcp:ID:TOOL} with the JSON-RPC id where the transport knows it (HTTP),
     * else {@code mcp:TOOL}; after the HTTP request's id when the server tagged the thread with one.
     */
    static String requestId(McpSyncServerExchange exchange, String tool) {
        McpTransportContext context = exchange == null ? null : exchange.transportContext();
        Object id = context == null ? null : context.get(JSONRPC_ID);
        String call = "mcp:" + (id == null ? "" : id + ":") + tool;
        String outer = RequestTag.current();
        return outer == null ? call : outer + " " + call;
    }
}
