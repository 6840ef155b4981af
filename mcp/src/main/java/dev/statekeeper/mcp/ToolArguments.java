package dev.statekeeper.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.core.internal.json.JsonProblem;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a tool call's arguments into the tool's arguments record with Statekeeper's strict JSON rules:
 * unknown fields, wrong types and missing required arguments are refused as VALIDATION_FAILED naming the
 * field, before the store is touched.
 */
final class ToolArguments {
    private ToolArguments() {
    }

    static <A extends Record> A read(ToolDef<A> tool, Map<String, Object> arguments) {
        ObjectNode node = Json.mapper().valueToTree(arguments == null ? Map.of() : arguments);
        A args;
        try {
            args = Json.mapper().treeToValue(node, tool.arguments());
        } catch (JsonProcessingException e) {
            JsonProblem problem = JsonProblem.of(e, node, "arguments");
            throw invalid(tool, problem.message(), List.of(problem.violation()));
        }
        List<Violation> missing = new ArrayList<>();
        for (RecordComponent c : tool.arguments().getRecordComponents()) {
            if (c.getAnnotation(Arg.class).required() && value(c, args) == null) {
                missing.add(new Violation(c.getName(), null, "is required"));
            }
        }
        if (!missing.isEmpty()) {
            String names = String.join("', '", missing.stream().map(Violation::field).toList());
            throw invalid(tool, "missing " + (missing.size() == 1 ? "field" : "fields") + " '" + names + "'", missing);
        }
        return args;
    }

    private static Object value(RecordComponent component, Record args) {
        try {
            return component.getAccessor().invoke(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    private static StatekeeperException invalid(ToolDef<?> tool, String problem, List<Violation> violations) {
        return new StatekeeperException(ErrorCode.VALIDATION_FAILED,
                "invalid arguments of " + tool.name() + ": " + problem, violations,
                Map.of("field", violations.getFirst().field()), null);
    }
}
