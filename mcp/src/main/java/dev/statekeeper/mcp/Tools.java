package dev.statekeeper.mcp;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.doctor.DoctorRuns;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.util.List;
import java.util.stream.Stream;

/** Every Statekeeper tool, and each as the SDK's tool specification bound to one store. */
final class Tools {
    static final List<ToolDef<?>> ALL = Stream.of(LoopTools.all(), SpecTools.all(), DocumentTools.all(),
            SessionTools.all(), List.<ToolDef<?>>of(DoctorTool.definition())).flatMap(List::stream).toList();

    private Tools() {
    }

    /** Every tool bound to the store; {@code run_doctor} runs through {@code doctor}. */
    static List<SyncToolSpecification> specifications(StateStore store, DoctorRuns doctor) {
        return ALL.stream().map(tool -> tool.name().equals(DoctorTool.NAME) ? DoctorTool.specification(doctor)
                : specification(tool, store)).toList();
    }

    static Tool tool(ToolDef<?> def) {
        boolean read = def.effect() == ToolDef.Effect.READ;
        boolean delete = def.effect() == ToolDef.Effect.DELETE;
        // title, readOnly, destructive, idempotent, openWorld (only this store), returnDirect
        ToolAnnotations annotations = new ToolAnnotations(null, read, delete, read || delete, false, null);
        return Tool.builder(def.name(), InputSchemas.of(def.arguments()))
                .description(def.description())
                .annotations(annotations)
                .build();
    }

    private static <A extends Record> SyncToolSpecification specification(ToolDef<A> def, StateStore store) {
        return SyncToolSpecification.builder()
                .tool(tool(def))
                .callHandler((exchange, request) -> ToolCall.run(def, store, request.arguments()))
                .build();
    }
}
