package dev.statekeeper.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.DoctorRequest;
import dev.statekeeper.doctor.DoctorRuns;
import dev.statekeeper.doctor.Severity;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * {@code run_doctor}: the doctor's report (the JSON of {@code statekeeper doctor --json}) as structured content and as
 * text, read-only. {@code _meta.verdict} is {@code fail} when a finding is at {@code failOn} (default P1) or worse,
 * {@code unreachable} when the store cannot be reached (the report's P0 {@code connection} finding says why), else
 * {@code pass}; findings are the report, not a tool error. Bad arguments are a tool error with the USAGE message.
 */
final class DoctorTool {
    static final String NAME = "run_doctor";
    private static final Logger LOG = LoggerFactory.getLogger(DoctorTool.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private DoctorTool() {
    }

    record RunDoctor(
            @Arg("only these checks (ids as in the report: connection, integrity, disk-space...); all when absent")
            List<String> checks,
            @Arg(value = "the verdict in _meta is fail when a finding is at this severity or worse (default P1)",
                    oneOf = Severity.class) String failOn) {
    }

    /** The tool's definition (name, arguments, read-only); its call goes through {@link #specification}. */
    static ToolDef<RunDoctor> definition() {
        return ToolDef.reads(NAME, RunDoctor.class, ToolDef.type(Map.class), "Diagnose the store: run the doctor's checks (read-only, on a "
                + "connection of its own) and return its report: every check's status, severity P0 (outage) to P3 "
                + "(minor), evidence, threshold, runbook and fix.", (store, args) -> {
                    throw new IllegalStateException(NAME + " runs through DoctorTool.specification");
                });
    }

    static SyncToolSpecification specification(DoctorRuns runs) {
        ToolDef<RunDoctor> def = definition();
        return SyncToolSpecification.builder().tool(Tools.tool(def))
                .callHandler((exchange, request) -> call(def, runs, request.arguments())).build();
    }

    static CallToolResult call(ToolDef<RunDoctor> def, DoctorRuns runs, Map<String, Object> arguments) {
        try {
            RunDoctor args = ToolArguments.read(def, arguments);
            DoctorRequest request = DoctorRequest.parse(args.checks(), args.failOn(), "checks", "failOn");
            DoctorReport report = runs.run(request.selection());
            String json = report.toJson();
            String verdict = !report.reachable() ? "unreachable" : request.failing(report).isEmpty() ? "pass" : "fail";
            return CallToolResult.builder().addTextContent(json).structuredContent(Json.mapper().readValue(json, OBJECT))
                    .isError(false).meta(Map.of("verdict", verdict, "failOn", request.failOn().name())).build();
        } catch (StatekeeperException e) {
            return ToolCall.failure(e);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("tool {} failed with an internal error", NAME, e);
            return ToolCall.failure(new StatekeeperException(ErrorCode.INTERNAL,
                    "internal error: " + e + "; please report it", e));
        }
    }
}
