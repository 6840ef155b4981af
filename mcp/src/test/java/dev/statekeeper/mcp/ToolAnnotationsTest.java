package dev.statekeeper.mcp;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.internal.json.Json;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each tool's annotations against what it does to a real store, through the Java SDK client over streamable HTTP.
 * A read-only tool changes nothing; an idempotent one, called twice, leaves the store as once; another changes it
 * again. A destructive tool loses what its first call stored (its marker is gone from the store after a second
 * call with other arguments); a tool that is not keeps it (a revision, an appended entry).
 */
class ToolAnnotationsTest {
    @RegisterExtension
    static final JettyMcp.PerClass MCP = JettyMcp.memory();

    /** Every stored record, as the archive exports them (the change history left out: every write adds to it). */
    static List<String> store() {
        List<String> records = new ArrayList<>();
        MCP.mcp().store.archive().export(r -> {
            if (!r.kind().history()) {
                records.add(Json.write(r));
            }
        });
        return records;
    }

    static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** A tool's two calls, made from a fixture set up for it; the marker of the first call's data, if it has one. */
    record Scenario(Map<String, Object> first, Map<String, Object> second, String marker) {
    }

    static String loop(String project, int scores) {
        String id = MCP.mcp().store.createLoop(NewLoop.of(project, LoopType.BUILD_CODE)).id();
        for (int i = 0; i < scores; i++) {
            MCP.mcp().store.addFeedback(id, CriticFeedback.builder().criticAgent("c").overallScore(50)
                    .assessmentSummary("s").build());
        }
        return id;
    }

    static final Map<String, Function<String, Scenario>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("initialize_refinement_loop", p -> new Scenario(args("project", p + "-marker", "type", "spec"),
                args("project", p, "type", "spec"), p + "-marker"));
        SCENARIOS.put("get_loop_status", p -> same(args("loopId", loop(p, 1))));
        SCENARIOS.put("list_active_loops", p -> same(args()));
        SCENARIOS.put("store_critic_feedback", p -> {
            String id = loop(p, 0);
            return new Scenario(args("loopId", id, "criticAgent", "c", "overallScore", 40, "assessmentSummary",
                    p + "-marker"), args("loopId", id, "criticAgent", "c", "overallScore", 41, "assessmentSummary",
                    "other"), p + "-marker");
        });
        SCENARIOS.put("decide_loop_next_action", p -> same(args("loopId", loop(p, 1))));
        SCENARIOS.put("get_previous_objective_feedback", p -> {
            String id = loop(p, 0);
            MCP.mcp().store.putObjectiveFeedback(id, "text");
            return same(args("loopId", id));
        });
        SCENARIOS.put("store_current_objective_feedback", p -> {
            String id = loop(p, 0);
            return new Scenario(args("loopId", id, "text", p + "-marker"), args("loopId", id, "text", "other"),
                    p + "-marker");
        });
        SCENARIOS.put("store_spec", p -> new Scenario(args("project", p, "spec", Map.of("title", "S",
                "architecture", p + "-marker")), args("project", p, "spec", Map.of("title", "S", "architecture",
                "other")), p + "-marker"));
        SCENARIOS.put("update_spec", p -> {
            MCP.mcp().store.putSpec(p, SpecContent.titled("S"));
            return new Scenario(args("project", p, "name", "s", "spec", Map.of("architecture", p + "-marker")),
                    args("project", p, "name", "s", "spec", Map.of("architecture", "other")), p + "-marker");
        });
        SCENARIOS.put("get_spec", p -> {
            MCP.mcp().store.putSpec(p, SpecContent.titled("S"));
            return same(args("project", p, "name", "s"));
        });
        SCENARIOS.put("get_loop_spec", p -> {
            MCP.mcp().store.putSpec(p, SpecContent.titled("S"));
            String id = loop(p, 0);
            MCP.mcp().store.linkLoop(id, p, "s");
            return same(args("loopId", id));
        });
        SCENARIOS.put("list_specs", p -> same(args("project", p)));
        SCENARIOS.put("resolve_spec", p -> {
            MCP.mcp().store.putSpec(p, SpecContent.titled("Spec"));
            return same(args("project", p, "partialName", "spec"));
        });
        SCENARIOS.put("delete_spec", p -> {
            MCP.mcp().store.putSpec(p + "-marker", SpecContent.titled("S"));
            return same(args("project", p + "-marker", "name", "s"), p + "-marker");
        });
        SCENARIOS.put("link_loop_to_spec", p -> {
            MCP.mcp().store.putSpec(p, SpecContent.titled("Marker " + p));
            MCP.mcp().store.putSpec(p, SpecContent.titled("Other"));
            String id = loop(p, 0);
            return new Scenario(args("loopId", id, "project", p, "name", "marker-" + p),
                    args("loopId", id, "project", p, "name", "other"), "\"loopId\":\"" + id + "\",\"project\":\"" + p
                            + "\",\"name\":\"marker-" + p);
        });
        SCENARIOS.put("unlink_loop", p -> {
            MCP.mcp().store.putSpec(p, SpecContent.titled("S"));
            String id = loop(p, 0);
            MCP.mcp().store.linkLoop(id, p, "s");
            return same(args("loopId", id), "\"loopId\":\"" + id + "\",\"project\"");
        });
        SCENARIOS.put("create_roadmap", p -> new Scenario(args("project", p, "roadmap", Map.of("title", "R",
                "projectGoal", p + "-marker")), args("project", p, "roadmap", Map.of("projectGoal", "other")),
                p + "-marker"));
        SCENARIOS.put("get_roadmap", p -> {
            MCP.tools().ok("create_roadmap", "project", p, "roadmap", Map.of("title", "R"));
            return same(args("project", p));
        });
        SCENARIOS.put("store_project_plan", p -> new Scenario(args("project", p, "plan", Map.of("vision",
                p + "-marker")), args("project", p, "plan", Map.of("vision", "other")), p + "-marker"));
        SCENARIOS.put("get_project_plan", p -> {
            MCP.tools().ok("store_project_plan", "project", p, "plan", Map.of("vision", "v"));
            return same(args("project", p));
        });
        SCENARIOS.put("list_project_plans", p -> same(args()));
        SCENARIOS.put("delete_project_plan", p -> {
            MCP.tools().ok("store_project_plan", "project", p + "-marker", "plan", Map.of("vision", "v"));
            return same(args("project", p + "-marker"), p + "-marker");
        });
        SCENARIOS.put("start_session", p -> new Scenario(args("name", p + "-marker"), args("name", p + "-other"),
                p + "-marker"));
        SCENARIOS.put("get_session", p -> {
            MCP.mcp().store.startSession(new NewSession(p, null, null, null, null, null));
            return same(args("name", p));
        });
        SCENARIOS.put("list_sessions", p -> same(args()));
        SCENARIOS.put("end_session", p -> {
            MCP.mcp().store.startSession(new NewSession(p, null, null, null, null, null));
            return same(args("name", p));
        });
        SCENARIOS.put("list_loops", p -> same(args("project", p)));
        SCENARIOS.put("get_spec_history", p -> {
            MCP.mcp().store.putSpec(p, SpecContent.titled("S"));
            return same(args("project", p, "name", "s"));
        });
        SCENARIOS.put("get_spec_revision", p -> {
            MCP.mcp().store.putSpec(p, SpecContent.titled("S"));
            return same(args("project", p, "name", "s", "version", 1));
        });
        SCENARIOS.put("delete_loop", p -> same(args("loopId", loop(p + "-marker", 1)), p + "-marker"));
        SCENARIOS.put("clean_loops", p -> {
            String id = loop(p + "-marker", 1);
            MCP.mcp().store.addFeedback(id, CriticFeedback.builder().criticAgent("c").overallScore(99)
                    .assessmentSummary("s").build());
            MCP.mcp().store.decide(id);
            return same(args("olderThan", "0s"), p + "-marker");
        });
        SCENARIOS.put("clean_sessions", p -> {
            MCP.mcp().store.startSession(new NewSession(p + "-marker", null, null, null, null, null));
            MCP.mcp().store.endSession(p + "-marker");
            return same(args("olderThan", "0s"), p + "-marker");
        });
        SCENARIOS.put("run_doctor", p -> same(args("checks", List.of("connection"))));
        SCENARIOS.put("get_performance", p -> same(args()));
        SCENARIOS.put("list_events", p -> same(args("project", p)));
        SCENARIOS.put("wait_for_loop", p -> same(args("loopId", loop(p, 1), "version", 1)));
    }

    static Scenario same(Map<String, Object> args) {
        return new Scenario(args, args, null);
    }

    static Scenario same(Map<String, Object> args, String marker) {
        return new Scenario(args, args, marker);
    }

    @Test
    void everyToolsAnnotationsTellWhatItDoesToTheStore() {
        List<Tool> listed = MCP.mcp().client.listTools().tools();
        assertThat(SCENARIOS.keySet()).containsExactlyInAnyOrderElementsOf(StatekeeperMcp.toolNames());
        for (Tool tool : listed) {
            String name = tool.name();
            Scenario s = SCENARIOS.get(name).apply("ann-" + name.replace('_', '-'));
            List<String> before = store();
            var first = call(name, s.first());
            assertThat(first.isError()).as("%s failed: %s", name, first.content()).isFalse();
            List<String> once = store();
            call(name, s.second());
            List<String> twice = store();
            var hints = tool.annotations();
            if (hints.readOnlyHint()) {
                assertThat(once).as("%s is read-only", name).isEqualTo(before);
                assertThat(twice).as("%s is read-only", name).isEqualTo(before);
            } else {
                assertThat(once).as("%s changes the store", name).isNotEqualTo(before);
            }
            if (!hints.readOnlyHint() && s.first().equals(s.second())) {
                if (hints.idempotentHint()) {
                    assertThat(twice).as("%s is idempotent", name).isEqualTo(once);
                } else {
                    assertThat(twice).as("%s is not idempotent", name).isNotEqualTo(once);
                }
            }
            if (!hints.readOnlyHint() && s.marker() != null) {
                assertThat(String.join("\n", once)).as("%s stored its marker", name)
                        .contains(hints.destructiveHint() && s.first().equals(s.second()) ? "" : s.marker());
                boolean kept = String.join("\n", twice).contains(s.marker());
                assertThat(kept).as("%s is %sdestructive: what its first call stored is %s", name,
                        hints.destructiveHint() ? "" : "not ", hints.destructiveHint() ? "gone" : "kept")
                        .isEqualTo(!hints.destructiveHint());
            }
            assertThat(hints.openWorldHint()).as(name).isFalse();
        }
    }

    private static io.modelcontextprotocol.spec.McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        Object[] pairs = new Object[args.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : args.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return MCP.tools().call(tool, pairs);
    }
}
